package io.harmony4.bench;

import io.harmony4.container.ContainerLimits;
import io.harmony4.container.ContainerVisitor;
import io.harmony4.container.EngineSet;
import io.harmony4.container.FilterChoice;
import io.harmony4.container.H4mkInputStream;
import io.harmony4.container.H4mkWriter;
import io.harmony4.engine.CompressionEngine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
 * A whole file through the H4MK writer and the verifying stream reader, with {@code threads} blocks in flight.
 * Compare with {@link EngineBenchmark} at {@code block} = the same block size: the bare engine on the same blocks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ContainerBenchmark {
    @Param({"core-3"})
    public String engine;

    @Param({"dickens"})
    public String file;

    @Param({"1048576"})
    public int block;

    @Param({"1", "2"})
    public int threads;

    /** What each block goes through before the engine ({@link FilterTurns}); none in JMH's runs. */
    FilterChoice filters = FilterChoice.NONE;
    /** The bytes to compress when they are not a corpus file ({@link FilterTurns}'s typed data sets). */
    byte[] data;

    private CompressionEngine codec;
    private EngineSet engines;
    private ExecutorService pool;
    private byte[] original;
    private byte[] container;
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final byte[] readBuffer = new byte[1 << 16];

    @Setup
    public void setup() throws IOException {
        codec = BenchEngines.create(engine);
        engines = EngineSet.of(codec);
        pool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
        original = data != null ? data : BenchData.load(file);
        container = write();
    }

    @TearDown
    public void tearDown() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Benchmark
    public byte[] compress() throws IOException {
        return write();
    }

    @Benchmark
    public long decompress() throws IOException {
        long total = 0;
        try (InputStream in = new H4mkInputStream(new ByteArrayInputStream(container), engines,
                ContainerLimits.DEFAULT, pool, threads, H4mkInputStream.Mode.DECODE, ContainerVisitor.NONE)) {
            for (int n; (n = in.read(readBuffer)) > 0; ) {
                total += n;
            }
        }
        return total;
    }

    private byte[] write() throws IOException {
        sink.reset();
        try (H4mkWriter w = new H4mkWriter(sink, codec, block, pool, threads, filters)) {
            w.write(original);
        }
        return sink.toByteArray();
    }

    /** Container size for this file, engine and block size: for the bytes-added column. */
    static long containerSize(String engine, String file, int block) throws IOException {
        ContainerBenchmark b = new ContainerBenchmark();
        b.engine = engine;
        b.file = file;
        b.block = block;
        b.threads = 1;
        b.setup();
        return b.container.length;
    }
}
