package io.harmony4.bench;

import com.github.luben.zstd.ZstdOutputStream;
import io.harmony4.engine.CompressionEngine;
import io.harmony4.engine.CoreDictionary;
import io.harmony4.engine.CoreEngine;
import io.harmony4.engine.DictionaryCompression;
import io.harmony4.engine.MessageStreamCompressor;
import io.harmony4.engine.MessageStreamDecompressor;
import io.harmony4.engine.MessageStreams;
import io.harmony4.engine.StreamSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Token streams (docs/benchmarks.md, "Token streams"): the ratio of a message stream, side by side in one run, as
 * issue 27's table has it: each message alone (the core's frame per message), each with a dictionary the core trained,
 * one core stream (one context, a flush per message), one core stream seeded with that dictionary, and zstd-jni's
 * {@code ZstdOutputStream} at the same level with {@code flush()} after each message, the peer the target names
 * (h4 stream / zstd-jni stream >= 0.98). Each data set is cut into messages; the first ones train (at most
 * {@code -train}, at most half), the next ones (at most {@code -test}) are measured, in order, in one stream. A
 * ratio is the measured messages' bytes over everything sent for them: every frame whole, and a stream's bytes with
 * its end. Ratios are deterministic (the same bytes every run). Then the memory a stream holds at level 3 by the
 * core's own count ({@code make -C native bench-stream-memory} measures it resident, without a garbage collector).
 *
 * <p>{@code -bench streams -files tokens,dickens -sizes 100,256,1024,4096 -train 4000 -test 4000}.
 */
final class StreamRatios {
    private static final int LEVEL = 3;
    private static final int LIMIT = 1 << 20;

    private StreamRatios() {}

    static void run(Map<String, String> opt) throws IOException {
        List<String> files = List.of(opt.getOrDefault("files", "tokens,dickens").split(","));
        int[] sizes = Arrays.stream(opt.getOrDefault("sizes", "100,256,1024,4096").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int trainMax = Integer.parseInt(opt.getOrDefault("train", "4000"));
        int testMax = Integer.parseInt(opt.getOrDefault("test", "4000"));
        try (CoreEngine core = CoreEngine.load(BenchEngines.core(), LEVEL)) {
            System.out.printf(Locale.ROOT, "%n%s %s, zstd-jni %s; level %d; the first messages (at most %d, at most "
                    + "half) train a dictionary of at most %d bytes, the next (at most %d) are measured in order; "
                    + "ratio = original bytes / bytes sent; h4 stream: window 2^23, checksum; zstd-jni stream: its "
                    + "defaults at level %d (window 2^21), checksum%n", core.info().id(), core.info().codec(),
                    java.util.Objects.requireNonNullElse(ZstdOutputStream.class.getPackage().getImplementationVersion(), "(version unknown)"), LEVEL, trainMax,
                    DictionaryCompression.DEFAULT_DICTIONARY_SIZE, testMax, LEVEL);
            System.out.println("| data | message | train / measured | each alone | with a trained dictionary "
                    + "| one stream | one stream + dictionary | zstd-jni stream, flush per message "
                    + "| h4 stream × zstd-jni stream (target 0.98) |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (String file : files) {
                byte[] data = load(file);
                if (data == null) {
                    continue;
                }
                for (int size : sizes) {
                    row(core, file, data, size, trainMax, testMax);
                }
            }
            memory(core);
        }
    }

    private static void row(CoreEngine core, String file, byte[] data, int size, int trainMax, int testMax)
            throws IOException {
        List<byte[]> messages = DictionaryRatios.split(data, size);
        int train = Math.min(trainMax, messages.size() / 2);
        int test = Math.min(testMax, messages.size() - train);
        List<byte[]> measured = messages.subList(train, train + test);
        double original = (double) test * size;

        long alone = 0;
        for (byte[] m : measured) {
            alone += core.compress(m).length;
        }
        long withDictionary = 0;
        long stream;
        long seeded;
        try (CoreDictionary dictionary = core.dictionary(core.trainDictionary(messages.subList(0, train),
                DictionaryCompression.DEFAULT_DICTIONARY_SIZE))) {
            CompressionEngine bound = core.withDictionary(dictionary);
            for (byte[] m : measured) {
                withDictionary += bound.compress(m).length;
            }
            stream = streamed(core, StreamSettings.of(LEVEL, LIMIT), measured);
            seeded = streamed(core, StreamSettings.of(LEVEL, LIMIT).withDictionary(dictionary), measured);
        }
        long peer = zstdJniStreamed(measured);
        System.out.printf(Locale.ROOT, "| %s | %s | %d / %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.3f |%n", file,
                size % 1024 == 0 ? size / 1024 + " KiB" : size + " B", train, test, original / alone,
                original / withDictionary, original / stream, original / seeded, original / peer,
                (double) peer / stream);
    }

    /** Everything one core stream sends for the messages, its end included; decoded back to check it. */
    private static long streamed(MessageStreams streams, StreamSettings settings, List<byte[]> messages) {
        long total = 0;
        try (MessageStreamCompressor compressor = streams.compressor(settings);
                MessageStreamDecompressor decompressor = streams.decompressor(settings)) {
            for (byte[] m : messages) {
                byte[] sent = compressor.compress(m);
                if (!Arrays.equals(m, decompressor.decompress(sent))) {
                    throw new IllegalStateException("a core stream gave back another message");
                }
                total += sent.length;
            }
            byte[] end = compressor.finish();
            decompressor.decompress(end);
            if (!decompressor.ended()) {
                throw new IllegalStateException("a core stream did not end");
            }
            return total + end.length;
        }
    }

    /** Everything zstd-jni's stream writes for the messages, a flush after each, its end included. */
    private static long zstdJniStreamed(List<byte[]> messages) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (ZstdOutputStream out = new ZstdOutputStream(sink, LEVEL)) {
            out.setChecksum(true);
            for (byte[] m : messages) {
                out.write(m);
                out.flush();
            }
        }
        return sink.size();
    }

    /**
     * What a stream holds at level 3: the core's count (native context, and the decoder's message buffer) on a new
     * stream, after one 1 KiB message, and after 16 MiB (its window full).
     */
    private static void memory(CoreEngine core) {
        byte[] tokens = TokenIds.zipf(16 << 20);
        byte[] message = Arrays.copyOf(tokens, 1024);
        System.out.printf(Locale.ROOT, "%nMemory per stream, level %d (bytes; decompressing streams with a message "
                + "limit of %d bytes, which they hold as their buffer)%n", LEVEL, LIMIT);
        System.out.println("| window | compressing: new | after 1 KiB | after 16 MiB | decompressing: new | after 1 KiB "
                + "| after 16 MiB |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        for (int windowLog : new int[] {23, 20, 17}) {
            StreamSettings settings = StreamSettings.of(LEVEL, LIMIT).withWindowLog(windowLog);
            try (MessageStreamCompressor c = core.compressor(settings);
                    MessageStreamDecompressor d = core.decompressor(settings)) {
                long cNew = c.memoryBytes();
                long dNew = d.memoryBytes();
                d.decompress(c.compress(message));
                long cOne = c.memoryBytes();
                long dOne = d.memoryBytes();
                for (int at = 1024; at + 4096 <= tokens.length; at += 4096) {
                    d.decompress(c.compress(Arrays.copyOfRange(tokens, at, at + 4096)));
                }
                System.out.printf(Locale.ROOT, "| 2^%d | %d | %d | %d | %d | %d | %d |%n", windowLog, cNew, cOne,
                        c.memoryBytes(), dNew, dOne, d.memoryBytes());
            }
        }
    }

    private static byte[] load(String file) {
        if (file.equals("tokens")) {
            return TokenIds.zipf(SyntheticData.SIZE);
        }
        try {
            return BenchData.load(file);
        } catch (IllegalArgumentException e) {
            System.out.println("skipped " + file + ": " + e.getMessage());
            return null;
        }
    }
}
