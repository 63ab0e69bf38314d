package io.harmony4.bench;

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
 * One call on a small input (64 B to 64 KiB, the start of the {@code json} set), where the cost of crossing into
 * native code shows: the core engine through FFM against zstd-jni through JNI (and aircompressor's FFM binding),
 * at the same level on the same bytes. Average time per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SmallInputBenchmark {
    @Param({"core-3", "zstd-jni-3"})
    public String engine;

    @Param({"64", "256", "1024", "4096", "16384", "65536"})
    public int size;

    @Param({"json"})
    public String file;

    private BenchCodec codec;
    private byte[] input;
    private byte[] compressed;

    @Setup
    public void setup() {
        codec = BenchCodecs.create(engine);
        input = Arrays.copyOf(BenchData.load(file), size);
        compressed = codec.compress(input);
        if (!Arrays.equals(input, codec.decompress(compressed, size))) {
            throw new IllegalStateException(engine + " does not round-trip " + size + " bytes");
        }
    }

    @Benchmark
    public byte[] compress() {
        return codec.compress(input);
    }

    @Benchmark
    public byte[] decompress() {
        return codec.decompress(compressed, size);
    }
}
