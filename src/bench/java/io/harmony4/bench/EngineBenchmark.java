package io.harmony4.bench;

import io.harmony4.engine.CompressionEngine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Whole-buffer compress and decompress of one input by one engine, single thread. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EngineBenchmark {
    @Param({"reference"})
    public String engine;

    @Param({"dickens"})
    public String file;

    private CompressionEngine codec;
    private byte[] original;
    private byte[] compressed;

    @Setup
    public void setup() {
        codec = BenchEngines.create(engine);
        original = BenchData.load(file);
        compressed = codec.compress(original);
    }

    @Benchmark
    public byte[] compress() {
        return codec.compress(original);
    }

    @Benchmark
    public byte[] decompress() {
        return codec.decompress(compressed);
    }
}
