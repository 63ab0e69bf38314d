package io.harmony4.bench;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictDecompress;
import io.harmony4.engine.CompressionEngine;
import io.harmony4.engine.CoreDictionary;
import io.harmony4.engine.CoreEngine;
import io.harmony4.engine.DictionaryCompression;
import io.harmony4.service.BenchMessagePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The messages and codecs of {@link DictionaryMessageBenchmark}. A data set ({@link DictionaryRatios#load}) is cut
 * into messages of one size as {@link DictionaryRatios} cuts it: the first ones (at most {@link #TRAIN}, at most
 * half) train a dictionary with the core's {@code trainDictionary}, and the next {@link #MEASURED} are measured.
 * Training is deterministic, so every fork gets the same dictionary bytes, and every variant uses them.
 *
 * <p>Variants, all at level 3, every frame with its content size, XXH64 checksum and dictID:
 * <ul>
 *   <li>{@code core-3}: {@link CoreEngine#withDictionary} as the service runs it, each frame decoded again after
 *       compression and compared with its input, the checksum checked by libzstd and again in Java on decode;</li>
 *   <li>{@code core-3-unverified}: the same without the check after compression;</li>
 *   <li>{@code zstd-jni-3}: one {@link ZstdCompressCtx} and one {@link ZstdDecompressCtx}, reused, each with the
 *       dictionary loaded once, digested ({@link ZstdDictCompress}, {@link ZstdDictDecompress}); decoding reads the
 *       frame's content size first ({@link Zstd#getFrameContentSize}), as a receiver of a message must;</li>
 *   <li>{@code service}: {@link BenchMessagePath}, the service's message path over {@code core-3} with the
 *       dictionary stored in a temporary directory: the parameters' checks, the SHA-256 of the content, the store's
 *       look-ups (by id on compression, by the frame's dictID on decompression) and the frame's header checks.</li>
 * </ul>
 */
final class DictionaryMessages {
    static final int TRAIN = 4000;
    static final int MEASURED = 64;
    private static final int LEVEL = 3;

    private DictionaryMessages() {}

    /** A dictionary, the messages it was trained on, and the messages measured with it. */
    record Set(byte[] dictionary, List<byte[]> training, byte[][] measured) {}

    /** One message at a time, with the dictionary bound. */
    interface Codec extends AutoCloseable {
        byte[] compress(byte[] message) throws IOException;

        byte[] decompress(byte[] frame) throws IOException;

        @Override
        void close();
    }

    static Set of(String data, int size) {
        List<byte[]> messages = messages(data, size);
        int train = trainCount(messages);
        try (CoreEngine core = CoreEngine.load(BenchEngines.core(), LEVEL)) {
            List<byte[]> training = messages.subList(0, train);
            byte[] dictionary = core.trainDictionary(training, DictionaryCompression.DEFAULT_DICTIONARY_SIZE);
            return new Set(dictionary, training, measured(messages, train));
        }
    }

    /** The measured messages of {@link #of}, without training a dictionary. */
    static byte[][] measured(String data, int size) {
        List<byte[]> messages = messages(data, size);
        return measured(messages, trainCount(messages));
    }

    private static List<byte[]> messages(String data, int size) {
        byte[] bytes = DictionaryRatios.load(data);
        if (bytes == null) {
            throw new IllegalArgumentException("no data set " + data);
        }
        return DictionaryRatios.split(bytes, size);
    }

    private static int trainCount(List<byte[]> messages) {
        return Math.min(TRAIN, messages.size() / 2);
    }

    private static byte[][] measured(List<byte[]> messages, int train) {
        return messages.subList(train, Math.min(messages.size(), train + MEASURED)).toArray(byte[][]::new);
    }

    static Codec codec(String name, byte[] dictionary, Path store) throws IOException {
        return switch (name) {
            case "core-3" -> new Core(CoreEngine.load(BenchEngines.core(), LEVEL, true), dictionary);
            case "core-3-unverified" -> new Core(CoreEngine.load(BenchEngines.core(), LEVEL, false), dictionary);
            case "zstd-jni-3" -> new ZstdJni(dictionary);
            case "service" -> new Service(CoreEngine.load(BenchEngines.core(), LEVEL, true), dictionary, store);
            default -> throw new IllegalArgumentException("unknown variant " + name
                    + " (core-3, core-3-unverified, zstd-jni-3, service)");
        };
    }

    /** Every message's frame, each checked to decode to its message, so that a misused codec fails here. */
    static byte[][] checkedFrames(Codec codec, byte[][] messages, String name) throws IOException {
        byte[][] frames = new byte[messages.length][];
        for (int i = 0; i < messages.length; i++) {
            frames[i] = codec.compress(messages[i]);
            if (!Arrays.equals(messages[i], codec.decompress(frames[i]))) {
                throw new IllegalStateException(name + " does not round-trip message " + i);
            }
        }
        return frames;
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The measured messages' frames' total size in bytes with {@code name}, each checked to round-trip. */
    static long frameBytes(String name, Set set) {
        Path store = null;
        try {
            store = Files.createTempDirectory("h4-message-sizes");
            try (Codec codec = codec(name, set.dictionary(), store)) {
                long total = 0;
                for (byte[] frame : checkedFrames(codec, set.measured(), name)) {
                    total += frame.length;
                }
                return total;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (store != null) {
                try {
                    delete(store);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** The core engine bound to the digested dictionary. */
    private static final class Core implements Codec {
        private final CoreEngine core;
        private final CoreDictionary digested;
        private final CompressionEngine bound;

        Core(CoreEngine core, byte[] dictionary) {
            this.core = core;
            this.digested = core.dictionary(dictionary);
            this.bound = core.withDictionary(digested);
        }

        @Override
        public byte[] compress(byte[] message) {
            return bound.compress(message);
        }

        @Override
        public byte[] decompress(byte[] frame) {
            return bound.decompress(frame);
        }

        @Override
        public void close() {
            digested.close();
            core.close();
        }
    }

    private static final class ZstdJni implements Codec {
        private final ZstdDictCompress compressDict;
        private final ZstdDictDecompress decompressDict;
        private final ZstdCompressCtx compressor = new ZstdCompressCtx();
        private final ZstdDecompressCtx decompressor = new ZstdDecompressCtx();

        ZstdJni(byte[] dictionary) {
            compressDict = new ZstdDictCompress(dictionary, LEVEL);
            decompressDict = new ZstdDictDecompress(dictionary);
            compressor.setLevel(LEVEL).setChecksum(true).setContentSize(true).setDictID(true).loadDict(compressDict);
            decompressor.loadDict(decompressDict);
        }

        @Override
        public byte[] compress(byte[] message) {
            return compressor.compress(message);
        }

        @Override
        public byte[] decompress(byte[] frame) {
            long size = Zstd.getFrameContentSize(frame);
            if (size < 0 || size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("frame declares no usable content size: " + size);
            }
            return decompressor.decompress(frame, (int) size);
        }

        @Override
        public void close() {
            compressor.close();
            decompressor.close();
            compressDict.close();
            decompressDict.close();
        }
    }

    /** The service's message path; its dictionary stored under the id the service gives it. */
    private static final class Service implements Codec {
        private final CoreEngine core;
        private final BenchMessagePath path;
        private final String id;

        Service(CoreEngine core, byte[] dictionary, Path store) throws IOException {
            this.core = core;
            this.path = new BenchMessagePath(core, store);
            this.id = path.put(dictionary);
        }

        @Override
        public byte[] compress(byte[] message) throws IOException {
            return path.compress(message, id);
        }

        @Override
        public byte[] decompress(byte[] frame) throws IOException {
            return path.decompress(frame);
        }

        @Override
        public void close() {
            path.close();
            core.close();
        }
    }
}
