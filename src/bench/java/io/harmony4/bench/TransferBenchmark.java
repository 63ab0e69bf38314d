package io.harmony4.bench;

import io.harmony4.engine.CompressionEngine;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The transfer modes of the core engine (heap arrays in place, copies through native memory) per block size:
 * the core at level 1 on the start of dickens, where the codec is fastest and the transfer cost shows most.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TransferBenchmark {
    @Param({"core-1-heap", "core-1-copy"})
    public String engine;

    @Param({"4096", "65536", "1048576"})
    public int blockSize;

    private CompressionEngine codec;
    private byte[] block;
    private byte[] compressed;

    @Setup
    public void setup() {
        codec = BenchEngines.create(engine);
        block = Arrays.copyOf(BenchData.load("dickens"), blockSize);
        compressed = codec.compress(block);
    }

    @Benchmark
    public byte[] compress() {
        return codec.compress(block);
    }

    @Benchmark
    public byte[] decompress() {
        return codec.decompress(compressed);
    }
}
