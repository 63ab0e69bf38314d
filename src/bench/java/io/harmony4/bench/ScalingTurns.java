package io.harmony4.bench;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * {@link ContainerBenchmark} on 1 and 2 block threads, timed in {@link Turns} (each round compresses and
 * decompresses the file once with each), so that the 2-thread speed-up is a ratio within each round; medians.
 * {@code -bench scaling -files dickens,mix64 -rounds 30}.
 */
final class ScalingTurns {
    private ScalingTurns() {}

    static void run(Map<String, String> opt) throws IOException {
        int rounds = Integer.parseInt(opt.getOrDefault("rounds", "30"));
        for (String file : opt.getOrDefault("files", "dickens,mix64").split(",")) {
            ContainerBenchmark one = state(opt, file, 1);
            ContainerBenchmark two = state(opt, file, 2);
            try {
                String[] names = {"compress, 1 thread", "compress, 2 threads", "decompress, 1 thread",
                        "decompress, 2 threads"};
                Turns.Op[] ops = {one::compress, two::compress, one::decompress, two::decompress};
                long[][] nanos = Turns.time(ops, rounds, Math.max(2, rounds / 5));
                double mb = BenchData.load(file).length / 1e6;
                System.out.printf(Locale.ROOT, "%n%s, %s, blocks of %d bytes, %d rounds in turns%n", file,
                        one.engine, one.block, rounds);
                System.out.println("| operation | median MB/s | 2 threads × 1 (median of per-round ratios) |");
                System.out.println("|---|---:|---:|");
                for (int k = 0; k < ops.length; k++) {
                    String ratio = k % 2 == 1
                            ? String.format(Locale.ROOT, "%.2f", Turns.medianRatio(nanos[k - 1], nanos[k])) : "";
                    double rate = mb / (Turns.median(nanos[k]) / 1e9);
                    System.out.printf(Locale.ROOT, "| %s | %.1f | %s |%n", names[k], rate, ratio);
                }
            } finally {
                one.tearDown();
                two.tearDown();
            }
        }
    }

    private static ContainerBenchmark state(Map<String, String> opt, String file, int threads) throws IOException {
        ContainerBenchmark b = new ContainerBenchmark();
        b.engine = opt.getOrDefault("engines", "core-3");
        b.file = file;
        b.block = Integer.parseInt(opt.getOrDefault("blocks", "1048576"));
        b.threads = threads;
        b.setup();
        return b;
    }
}
