package io.harmony4.bench;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The one-block range read of {@link VerificationBenchmark} against the same block decoded alone, with and without
 * its SHA-256, timed in turns: each round runs every operation once, in the same order, so that a shared machine's
 * swings (they reach 2× within a minute here) fall on all of them alike. Prints the median of each and the median of
 * the per-round ratios. {@code -bench range -files mix64 -rounds 2000}.
 */
final class RangeReadTurns {
    private interface Op {
        long run() throws IOException;
    }

    private RangeReadTurns() {}

    static void run(Map<String, String> opt) throws IOException {
        int rounds = Integer.parseInt(opt.getOrDefault("rounds", "2000"));
        for (String file : opt.getOrDefault("files", "mix64").split(",")) {
            VerificationBenchmark b = new VerificationBenchmark();
            b.engine = opt.getOrDefault("engines", "core-3");
            b.file = file;
            b.block = Integer.parseInt(opt.getOrDefault("blocks", "1048576"));
            b.setup();
            try {
                String[] names = {"block decoded alone", "block decoded alone + SHA-256",
                        "range read, hashed while decoding", "range read, hashed after the decode"};
                Op[] ops = {b::decodeOneBlockAlone, () -> b.decodeOneBlockAloneAndSha256().length,
                        b::rangeReadOneBlock, b::rangeReadOneBlockHashedAfter};
                long[][] nanos = new long[ops.length][rounds];
                long sink = 0;
                for (int round = -rounds / 4; round < rounds; round++) { // the first quarter warms up
                    for (int k = 0; k < ops.length; k++) {
                        long t = System.nanoTime();
                        sink += ops[k].run();
                        long took = System.nanoTime() - t;
                        if (round >= 0) {
                            nanos[k][round] = took;
                        }
                    }
                }
                System.out.printf(Locale.ROOT, "%n%s, %s, blocks of %d bytes, %d rounds in turns (%d)%n", file,
                        b.engine, b.block, rounds, sink % 10);
                System.out.println("| operation | median µs | × block alone (median of per-round ratios) |");
                System.out.println("|---|---:|---:|");
                for (int k = 0; k < ops.length; k++) {
                    double[] ratio = new double[rounds];
                    for (int r = 0; r < rounds; r++) {
                        ratio[r] = (double) nanos[k][r] / nanos[0][r];
                    }
                    System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f |%n", names[k], median(nanos[k]) / 1e3,
                            median(ratio));
                }
            } finally {
                b.tearDown();
            }
        }
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
