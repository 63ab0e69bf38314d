package io.harmony4.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Time per message with a dictionary, the variants of {@link DictionaryMessages} in turns ({@link Turns}): in one JVM,
 * each round runs every variant's compression and decompression once over the same held-out messages, one after the
 * other, so that the minutes a shared machine spends busy fall on all variants alike, each timed by the measuring
 * thread's CPU time, so that the time the machine's other processes take from it is not counted; then medians over
 * the rounds, and each ratio's median over the ratios taken within a round. The figures JMH's separate forks cannot
 * give on a machine whose speed swings by 2× within a minute ({@link DictionaryMessageBenchmark} gives the
 * allocation and per-fork times beside them). A ratio is the peer's time over the variant's: at least 0.9 meets issue 26's target.
 *
 * <p>{@code -bench message-turns -engines core-3,core-3-unverified,zstd-jni-3,service -baseline zstd-jni-3
 * -files tokens,json,dickens -sizes 256,1024,4096,16384 -rounds 21 -batch 1000000} (bytes of messages per timed
 * batch: each timing covers at least that much content, and at least one pass over the messages).
 */
final class DictionaryMessageTurns {
    private static final String[] OPS = {"compress", "decompress"};
    private static final int WARMUP_ROUNDS = 10;

    private DictionaryMessageTurns() {}

    static void run(Map<String, String> opt) throws IOException {
        List<String> variants = List.of(opt.getOrDefault("engines", "core-3,core-3-unverified,zstd-jni-3,service")
                .split(","));
        String peer = opt.getOrDefault("baseline", "zstd-jni-3");
        int base = variants.indexOf(peer);
        if (base < 0) {
            throw new IllegalArgumentException("-engines must include the peer " + peer);
        }
        String[] files = opt.getOrDefault("files", "tokens,json,dickens").split(",");
        String[] sizes = opt.getOrDefault("sizes", "256,1024,4096,16384").split(",");
        int rounds = Integer.parseInt(opt.getOrDefault("rounds", "21"));
        long batchBytes = Long.parseLong(opt.getOrDefault("batch", "1000000"));

        System.out.printf(Locale.ROOT, "%nns per message (the measuring thread's CPU time), compress / decompress, "
                + "in turns: median of %d rounds after %d warm-up rounds, each timing at least %d bytes of messages "
                + "after an untimed pass over them; × %s: its time over the row's (target 0.9), median of the rounds' "
                + "ratios; %d held-out messages per row, the dictionary trained on up to %d others%n", rounds,
                WARMUP_ROUNDS, batchBytes, peer, DictionaryMessages.MEASURED, DictionaryMessages.TRAIN);
        DictionaryMessageTimes.printTimesHead(peer, variants.stream().filter(v -> !v.equals(peer)).toList());
        for (String file : files) {
            for (String size : sizes) {
                System.out.println(row(variants, base, file, Integer.parseInt(size), rounds, batchBytes));
            }
        }
    }

    private static String row(List<String> variants, int base, String file, int size, int rounds, long batchBytes)
            throws IOException {
        DictionaryMessages.Set set = DictionaryMessages.of(file, size);
        byte[][] messages = set.measured();
        int passes = (int) Math.max(1, batchBytes / ((long) size * messages.length));
        List<DictionaryMessages.Codec> codecs = new ArrayList<>();
        List<Path> stores = new ArrayList<>();
        try {
            List<Turns.Op> ops = new ArrayList<>();
            for (String v : variants) {
                Path store = Files.createTempDirectory("h4-message-turns");
                stores.add(store);
                DictionaryMessages.Codec codec = DictionaryMessages.codec(v, set.dictionary(), store);
                codecs.add(codec);
                byte[][] frames = DictionaryMessages.checkedFrames(codec, messages, v);
                // each timed batch after an untimed pass over its messages, which brings this variant's digest
                // and context into the cache, as a steady stream of messages keeps them, whatever ran before
                ops.add(batch(1, messages, codec::compress));
                ops.add(batch(passes, messages, codec::compress));
                ops.add(batch(1, frames, codec::decompress));
                ops.add(batch(passes, frames, codec::decompress));
            }
            long[][] nanos = Turns.timeOnThisThread(ops.toArray(Turns.Op[]::new), rounds, WARMUP_ROUNDS);
            double calls = (double) passes * messages.length;
            StringBuilder row = new StringBuilder("| ").append(file).append(" | ")
                    .append(DictionaryRatios.label(size)).append(" | ").append(times(nanos, base, calls)).append(" |");
            for (int v = 0; v < variants.size(); v++) {
                if (v != base) {
                    row.append(' ').append(times(nanos, v, calls)).append(String.format(Locale.ROOT,
                            " | %.2f / %.2f |", Turns.medianRatio(nanos[timed(base, 0)], nanos[timed(v, 0)]),
                            Turns.medianRatio(nanos[timed(base, 1)], nanos[timed(v, 1)])));
                }
            }
            return row.toString();
        } finally {
            codecs.forEach(DictionaryMessages.Codec::close);
            for (Path store : stores) {
                DictionaryMessages.delete(store);
            }
        }
    }

    /** A codec's compression or decompression of one input. */
    private interface Call {
        byte[] apply(byte[] input) throws IOException;
    }

    /** One timed batch: {@code call} on every input, {@code passes} times over. */
    private static Turns.Op batch(int passes, byte[][] inputs, Call call) {
        return () -> {
            byte[] last = null;
            for (int p = 0; p < passes; p++) {
                for (byte[] input : inputs) {
                    last = call.apply(input);
                }
            }
            return last;
        };
    }

    /** The index of variant {@code v}'s timed batch of operation {@code op} (0 compress, 1 decompress). */
    private static int timed(int v, int op) {
        return 4 * v + 2 * op + 1;
    }

    /** "compress / decompress" ns per message of variant {@code v}, medians over the rounds. */
    private static String times(long[][] nanos, int v, double calls) {
        List<String> out = new ArrayList<>();
        for (int op = 0; op < OPS.length; op++) {
            out.add(String.format(Locale.ROOT, "%.0f", Turns.median(nanos[timed(v, op)]) / calls));
        }
        return String.join(" / ", out);
    }
}
