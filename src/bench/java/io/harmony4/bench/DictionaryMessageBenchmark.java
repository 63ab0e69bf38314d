package io.harmony4.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Time per message with a dictionary (docs/benchmarks.md, "Small messages and dictionaries"): one message compressed
 * or decompressed by a {@link DictionaryMessages} variant, the core bound to a dictionary it trained on other
 * messages than the measured ones, zstd-jni with the same dictionary bytes, or the service's message path. Each call
 * takes the next of {@link DictionaryMessages#MEASURED} held-out messages ({@link Rotation}).
 * Average time per message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DictionaryMessageBenchmark {
    @Param({"core-3", "zstd-jni-3"})
    public String engine;

    @Param({"tokens", "json", "dickens"})
    public String data;

    @Param({"256", "1024", "4096", "16384"})
    public int size;

    private Path store;
    private DictionaryMessages.Codec codec;
    private Rotation messages;
    private Rotation frames;

    @Setup
    public void setup() throws IOException {
        DictionaryMessages.Set set = DictionaryMessages.of(data, size);
        store = Files.createTempDirectory("h4-message-bench");
        codec = DictionaryMessages.codec(engine, set.dictionary(), store);
        messages = new Rotation(set.measured());
        frames = new Rotation(DictionaryMessages.checkedFrames(codec, set.measured(), engine));
    }

    @TearDown
    public void tearDown() throws IOException {
        codec.close();
        DictionaryMessages.delete(store);
    }

    @Benchmark
    public byte[] compress() throws IOException {
        return codec.compress(messages.next());
    }

    @Benchmark
    public byte[] decompress() throws IOException {
        return codec.decompress(frames.next());
    }
}
