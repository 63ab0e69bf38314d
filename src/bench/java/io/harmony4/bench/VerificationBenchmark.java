package io.harmony4.bench;

import io.harmony4.container.ContainerLimits;
import io.harmony4.container.EngineSet;
import io.harmony4.container.H4mkRandomAccessReader;
import io.harmony4.container.H4mkWriter;
import io.harmony4.container.RandomAccessSource;
import io.harmony4.engine.CompressionEngine;
import io.harmony4.engine.UncheckedDecompression;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What verification costs, against the floors it cannot beat, on one thread (docs/benchmarks.md, "Verification"):
 * the bare core decoding every block and hashing what it decoded (the least a verified decode must do), and for a
 * one-block range read of the whole file, the same block decoded alone, with and without its SHA-256. The
 * container's own figures, on 1 and 2 threads, come from {@link ContainerBenchmark} in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class VerificationBenchmark {
    @Param({"core-3"})
    public String engine;

    @Param({"mix64"})
    public String file;

    @Param({"1048576"})
    public int block;

    private CompressionEngine codec;
    private byte[][] frames;
    private byte[] container;
    private EngineSet engines;
    private int middle;
    /** The block pool a range read hashes on, as the service gives it (one thread is enough for one read). */
    private ExecutorService pool;

    @Setup
    public void setup() throws IOException {
        codec = BenchEngines.create(engine);
        engines = EngineSet.of(codec);
        byte[] original = BenchData.load(file);
        int count = (original.length + block - 1) / block;
        frames = new byte[count][];
        for (int i = 0; i < count; i++) {
            frames[i] = codec.compress(Arrays.copyOfRange(original, i * block, Math.min(original.length,
                    (i + 1) * block)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (H4mkWriter w = new H4mkWriter(out, codec, block, null, 1)) {
            w.write(original);
        }
        container = out.toByteArray();
        middle = count / 2;
        pool = Executors.newFixedThreadPool(2);
    }

    @TearDown
    public void tearDown() {
        pool.shutdownNow();
    }

    /** The floor of a verified decode: every block decoded by the core, as cheaply as it can, and hashed. */
    @Benchmark
    public long floorDecodeAndSha256() {
        MessageDigest sha = sha256();
        long n = 0;
        for (byte[] frame : frames) {
            byte[] data = decodeCheapest(frame);
            n += sha.digest(data)[0] + data.length;
        }
        return n;
    }

    /** The same blocks through the bare, frozen API: libzstd's and Java's checks of the frame's XXH64. */
    @Benchmark
    public long bareApiDecode() {
        long n = 0;
        for (byte[] frame : frames) {
            n += codec.decompress(frame).length;
        }
        return n;
    }

    /**
     * One block from the middle of the container: open (HEAD, TAIL, SEEK, root), read, decode in steps while the
     * pool hashes, as the service reads a range.
     */
    @Benchmark
    public long rangeReadOneBlock() throws IOException {
        return rangeRead(pool);
    }

    /** The same read hashed after the decode, on the reading thread: what a range read cost before core ABI 3. */
    @Benchmark
    public long rangeReadOneBlockHashedAfter() throws IOException {
        return rangeRead(null);
    }

    private long rangeRead(ExecutorService hashing) throws IOException {
        H4mkRandomAccessReader reader = H4mkRandomAccessReader.open(RandomAccessSource.of(container), engines,
                ContainerLimits.DEFAULT, hashing);
        CountingSink sink = new CountingSink();
        reader.read((long) middle * block, block, sink);
        return sink.count;
    }

    /** That block's frame decoded alone. */
    @Benchmark
    public long decodeOneBlockAlone() {
        return decodeCheapest(frames[middle]).length;
    }

    /** That block's frame decoded alone and hashed: what a verified read of one block must do at least. */
    @Benchmark
    public byte[] decodeOneBlockAloneAndSha256() {
        return sha256().digest(decodeCheapest(frames[middle]));
    }

    private byte[] decodeCheapest(byte[] frame) {
        return codec instanceof UncheckedDecompression unchecked ? unchecked.decompressUnchecked(frame)
                : codec.decompress(frame);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class CountingSink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
