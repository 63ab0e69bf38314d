package io.harmony4.bench;

import io.harmony4.engine.CompressionEngine;
import io.harmony4.engine.Corpus;
import io.harmony4.engine.CoreDictionary;
import io.harmony4.engine.CoreEngine;
import io.harmony4.engine.DictionaryCompression;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Small messages with and without a dictionary (docs/benchmarks.md, "Small messages and dictionaries"): the core per
 * message, plain and bound to a dictionary it trained, against the {@code zstd} command on the same messages, plain
 * ({@code zstd -3}) and with a dictionary {@code zstd --train} made from the same training messages at the same size
 * ({@code zstd -3 -D}). Each data set is cut into messages; the first ones train (up to {@code -train}, at most
 * half), the next ones (up to {@code -test}) are measured: held out, never trained on. A ratio is the held-out
 * messages' original bytes over the sum of their frames, each frame whole (header, content size, checksum, dictID).
 * Then how long training takes, medians of {@code -rounds} runs, for {@code -train} samples of 1 KiB.
 *
 * <p>{@code -bench dictionaries -files tokens,json,dickens -sizes 256,1024,4096,16384 -train 4000 -test 4000
 * -rounds 5}. {@code tokens}: {@link TokenIds}; {@code json}: {@link SyntheticData#json()}; other names are corpus
 * files, skipped with a message when the corpus is absent.
 */
final class DictionaryRatios {
    /** RFC 9842's {@code dcz} header: a skippable frame's 8 bytes and the dictionary's 32-byte SHA-256. */
    static final int DCZ_HEADER = 40;
    private static final int LEVEL = 3;
    private static final int TIMED_SIZE = 1024;

    private DictionaryRatios() {}

    static void run(Map<String, String> opt) throws IOException, InterruptedException {
        List<String> files = List.of(opt.getOrDefault("files", "tokens,json,dickens").split(","));
        int[] sizes = Arrays.stream(opt.getOrDefault("sizes", "256,1024,4096,16384").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int trainMax = Integer.parseInt(opt.getOrDefault("train", "4000"));
        int testMax = Integer.parseInt(opt.getOrDefault("test", "4000"));
        int rounds = Integer.parseInt(opt.getOrDefault("rounds", "5"));
        int capacity = DictionaryCompression.DEFAULT_DICTIONARY_SIZE;
        Path work = Files.createTempDirectory("h4-dictionaries");
        try (CoreEngine core = CoreEngine.load(BenchEngines.core(), LEVEL)) {
            System.out.printf(Locale.ROOT, "%n%s, zstd %s; dictionaries of at most %d bytes; the first messages "
                    + "(at most %d, at most half) train, the next (at most %d) are measured; ratio = original "
                    + "bytes / compressed bytes of the measured messages, every frame whole; both sides' frames "
                    + "carry the content size and an XXH64 checksum (4 bytes), dictionary frames the dictID%n",
                    core.info().id(), zstdVersion(), capacity, trainMax, testMax);
            System.out.println("| data | message | train / measured | h4 | zstd -3 | h4 × zstd -3 (target 0.97) "
                    + "| h4 dict | zstd -3 -D | h4 dict × zstd dict (target 1.00) | h4 dcz | zstd -3 -D h4's dict "
                    + "| dict bytes h4 / zstd | same content |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            List<String> timed = new ArrayList<>();
            for (String file : files) {
                byte[] data = load(file);
                if (data == null) {
                    continue;
                }
                timed.add(file);
                for (int size : sizes) {
                    row(core, file, data, size, trainMax, testMax, capacity, work.resolve(file + "-" + size));
                }
            }
            System.out.printf(Locale.ROOT, "%nTraining %d samples of %d bytes, dictionaries of at most %d bytes, "
                    + "median ms of %d runs (zstd --train: the whole command, its start and reading the samples' "
                    + "files included)%n", trainMax, TIMED_SIZE, capacity, rounds);
            System.out.println("| data | h4 trainDictionary | zstd --train |");
            System.out.println("|---|---:|---:|");
            for (String file : timed) {
                timeTraining(core, file, load(file), trainMax, capacity, rounds, work.resolve(file + "-timed"));
            }
        } finally {
            delete(work);
        }
    }

    private static void row(CoreEngine core, String file, byte[] data, int size, int trainMax, int testMax,
            int capacity, Path dir) throws IOException, InterruptedException {
        List<byte[]> messages = split(data, size);
        int train = Math.min(trainMax, messages.size() / 2);
        int test = Math.min(testMax, messages.size() - train);
        List<byte[]> training = messages.subList(0, train);
        List<byte[]> measured = messages.subList(train, train + test);
        long original = (long) test * size;

        long plain = 0;
        for (byte[] m : measured) {
            plain += core.compress(m).length;
        }
        byte[] h4Dict = core.trainDictionary(training, capacity);
        long withDict = compressedWith(core, h4Dict, measured);
        // dcz applies the dictionary as raw content (RFC 9842 decoders take it as a prefix): no dictID, no tables
        long dcz = compressedWithRaw(core, h4Dict, measured) + (long) DCZ_HEADER * test;

        List<Path> trainFiles = write(dir.resolve("train"), training);
        List<Path> testFiles = write(dir.resolve("test"), measured);
        Path zstdDict = dir.resolve("zstd.dict");
        zstdTrain(trainFiles, zstdDict, capacity);
        Path h4DictFile = Files.write(dir.resolve("h4.dict"), h4Dict);
        long zstdPlain = zstdCompress(testFiles, null, dir.resolve("plain"));
        long zstdWithDict = zstdCompress(testFiles, zstdDict, dir.resolve("zstd-dict"));
        long zstdWithH4Dict = zstdCompress(testFiles, h4DictFile, dir.resolve("h4-dict"));

        double r = (double) original / plain;
        double z = (double) original / zstdPlain;
        double rd = (double) original / withDict;
        double zd = (double) original / zstdWithDict;
        byte[] zstdDictBytes = Files.readAllBytes(zstdDict);
        System.out.printf(Locale.ROOT, "| %s | %s | %d / %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f "
                + "| %d / %d | %s |%n", file, label(size), train, test, r, z, r / z, rd, zd, rd / zd,
                (double) original / dcz, (double) original / zstdWithH4Dict, h4Dict.length, zstdDictBytes.length,
                sameContent(h4Dict, zstdDictBytes) ? "yes" : "no");
        delete(dir);
    }

    private static void timeTraining(CoreEngine core, String file, byte[] data, int trainMax, int capacity,
            int rounds, Path dir) throws IOException, InterruptedException {
        List<byte[]> messages = split(data, TIMED_SIZE);
        List<byte[]> training = messages.subList(0, Math.min(trainMax, messages.size() / 2));
        List<Path> trainFiles = write(dir.resolve("train"), training);
        Path zstdDict = dir.resolve("zstd.dict");
        long[] h4 = new long[rounds];
        long[] zstd = new long[rounds];
        for (int i = 0; i < rounds; i++) { // in turns, so that a busy moment falls on both
            long start = System.nanoTime();
            core.trainDictionary(training, capacity);
            h4[i] = System.nanoTime() - start;
            start = System.nanoTime();
            zstdTrain(trainFiles, zstdDict, capacity);
            zstd[i] = System.nanoTime() - start;
        }
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f |%n", file, Turns.median(h4) / 1e6,
                Turns.median(zstd) / 1e6);
        delete(dir);
    }

    /** The messages' frames' total size, compressed by the core bound to {@code dictionary}. */
    private static long compressedWith(CoreEngine core, byte[] dictionary, List<byte[]> messages) {
        try (CoreDictionary digested = core.dictionary(dictionary)) {
            return compressedWith(core, digested, messages);
        }
    }

    /** As {@code format=dcz} compresses: the dictionary's bytes as raw content, whatever they start with. */
    private static long compressedWithRaw(CoreEngine core, byte[] dictionary, List<byte[]> messages) {
        try (CoreDictionary digested = core.rawDictionary(dictionary)) {
            return compressedWith(core, digested, messages);
        }
    }

    private static long compressedWith(CoreEngine core, CoreDictionary digested, List<byte[]> messages) {
        CompressionEngine bound = core.withDictionary(digested);
        long total = 0;
        for (byte[] m : messages) {
            total += bound.compress(m).length;
        }
        return total;
    }

    /**
     * Whether two zstd-format dictionaries hold the same tables and content, whatever their dictIDs: the bytes after
     * the magic and the dictID (RFC 8878 section 5).
     */
    private static boolean sameContent(byte[] a, byte[] b) {
        return a.length == b.length && Arrays.equals(a, 8, a.length, b, 8, b.length);
    }

    /** The data set, or null (with the reason printed) when it is a corpus file this machine lacks. */
    static byte[] load(String file) {
        if (file.equals("tokens")) {
            return TokenIds.zipf(SyntheticData.SIZE);
        }
        if (!file.equals("json") && Corpus.files().stream().noneMatch(p -> p.getFileName().toString().equals(file))) {
            System.out.println("skipped " + file + ": no such corpus file (set -Dh4.corpus.dir to the folder of "
                    + "Silesia zips)");
            return null;
        }
        return BenchData.load(file);
    }

    /** Whole messages of {@code size} bytes, one after the other; a shorter tail is left out. */
    static List<byte[]> split(byte[] data, int size) {
        List<byte[]> out = new ArrayList<>(data.length / size);
        for (int at = 0; at + size <= data.length; at += size) {
            out.add(Arrays.copyOfRange(data, at, at + size));
        }
        return out;
    }

    static String label(int size) {
        return size % 1024 == 0 ? size / 1024 + " KiB" : size + " B";
    }

    static List<Path> write(Path dir, List<byte[]> messages) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            out.add(Files.write(dir.resolve(String.format(Locale.ROOT, "m%05d", i)), messages.get(i)));
        }
        return out;
    }

    private static void zstdTrain(List<Path> samples, Path dict, int capacity)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("zstd", "--train", "-q", "-f", "--maxdict=" + capacity,
                "-o", dict.toString()));
        samples.forEach(p -> command.add(p.toString()));
        zstd(command);
    }

    /** Compresses each file into its own frame ({@code out/NAME.zst}) at level 3; the frames' total size. */
    private static long zstdCompress(List<Path> files, Path dict, Path out) throws IOException, InterruptedException {
        Files.createDirectories(out);
        List<String> command = new ArrayList<>(List.of("zstd", "-" + LEVEL, "-q", "-f", "--output-dir-flat",
                out.toString()));
        if (dict != null) {
            command.addAll(List.of("-D", dict.toString()));
        }
        files.forEach(p -> command.add(p.toString()));
        zstd(command);
        try (Stream<Path> frames = Files.list(out)) {
            List<Path> all = frames.toList();
            if (all.size() != files.size()) {
                throw new IllegalStateException("zstd wrote " + all.size() + " frames for " + files.size() + " files");
            }
            long total = 0;
            for (Path frame : all) {
                total += Files.size(frame);
            }
            return total;
        }
    }

    private static String zstdVersion() throws IOException, InterruptedException {
        return zstd(List.of("zstd", "-q", "--version")).strip();
    }

    private static String zstd(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command.subList(0, Math.min(6, command.size())))
                    + " … failed: " + output.strip());
        }
        return output;
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
