package io.harmony4.bench;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * The one-block range read of {@link VerificationBenchmark} against the same block decoded alone, with and without
 * its SHA-256, timed in {@link Turns}. Prints the median of each and the median of the per-round ratios.
 * {@code -bench range -files mix64 -rounds 2000}.
 */
final class RangeReadTurns {
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
                Turns.Op[] ops = {b::decodeOneBlockAlone, b::decodeOneBlockAloneAndSha256, b::rangeReadOneBlock,
                        b::rangeReadOneBlockHashedAfter};
                long[][] nanos = Turns.time(ops, rounds, rounds / 4); // the first quarter's worth warms up
                System.out.printf(Locale.ROOT, "%n%s, %s, blocks of %d bytes, %d rounds in turns%n", file, b.engine,
                        b.block, rounds);
                System.out.println("| operation | median µs | × block alone (median of per-round ratios) |");
                System.out.println("|---|---:|---:|");
                for (int k = 0; k < ops.length; k++) {
                    System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f |%n", names[k], Turns.median(nanos[k]) / 1e3,
                            Turns.medianRatio(nanos[k], nanos[0]));
                }
            } finally {
                b.tearDown();
            }
        }
    }
}
