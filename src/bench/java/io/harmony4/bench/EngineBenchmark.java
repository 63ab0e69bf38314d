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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Compress and decompress of one input by one engine or peer ({@link BenchCodecs}), single thread: the whole file
 * in one call ({@code block = 0}), or the file cut into independent blocks of {@code block} bytes, one call each,
 * as the container does and as {@code zstd -b -B<block>} does. Set-up checks every block's round trip, so a
 * misused peer fails instead of being fast.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EngineBenchmark {
    @Param({"reference"})
    public String engine;

    @Param({"dickens"})
    public String file;

    @Param({"0"})
    public int block;

    private BenchCodec codec;
    private byte[][] originals;
    private byte[][] compressed;

    @Setup
    public void setup() {
        codec = BenchCodecs.create(engine);
        byte[] data = BenchData.load(file);
        int size = block > 0 ? block : data.length;
        int count = Math.max(1, (data.length + size - 1) / size);
        originals = new byte[count][];
        compressed = new byte[count][];
        for (int i = 0; i < count; i++) {
            originals[i] = Arrays.copyOfRange(data, i * size, Math.min(data.length, (i + 1) * size));
            compressed[i] = codec.compress(originals[i]);
            if (!Arrays.equals(originals[i], codec.decompress(compressed[i], originals[i].length))) {
                throw new IllegalStateException(engine + " does not round-trip block " + i + " of " + file);
            }
        }
    }

    @Benchmark
    public void compress(Blackhole bh) {
        for (byte[] b : originals) {
            bh.consume(codec.compress(b));
        }
    }

    @Benchmark
    public void decompress(Blackhole bh) {
        for (int i = 0; i < compressed.length; i++) {
            bh.consume(codec.decompress(compressed[i], originals[i].length));
        }
    }
}
