package io.harmony4.bench;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * {@link ContainerBenchmark} on 1 and 2 block threads, timed in turns (each round compresses and decompresses the
 * file once with each), so that the 2-thread speed-up is a ratio within each round, which the machine's swings
 * cannot tilt; medians. {@code -bench scaling -files dickens,mix64 -rounds 30}.
 */
final class ScalingTurns {
    private interface Op {
        Object run() throws IOException;
    }

    private ScalingTurns() {}

    static void run(Map<String, String> opt) throws IOException {
        int rounds = Integer.parseInt(opt.getOrDefault("rounds", "30"));
        for (String file : opt.getOrDefault("files", "dickens,mix64").split(",")) {
            ContainerBenchmark one = state(opt, file, 1);
            ContainerBenchmark two = state(opt, file, 2);
            try {
                String[] names = {"compress, 1 thread", "compress, 2 threads", "decompress, 1 thread",
                        "decompress, 2 threads"};
                Op[] ops = {one::compress, two::compress, one::decompress, two::decompress};
                long[][] nanos = new long[ops.length][rounds];
                for (int round = -Math.max(2, rounds / 5); round < rounds; round++) {
                    for (int k = 0; k < ops.length; k++) {
                        long t = System.nanoTime();
                        ops[k].run();
                        if (round >= 0) {
                            nanos[k][round] = System.nanoTime() - t;
                        }
                    }
                }
                double mb = BenchData.load(file).length / 1e6;
                System.out.printf(Locale.ROOT, "%n%s, %s, blocks of %d bytes, %d rounds in turns%n", file,
                        one.engine, one.block, rounds);
                System.out.println("| operation | median MB/s | 2 threads × 1 (median of per-round ratios) |");
                System.out.println("|---|---:|---:|");
                for (int k = 0; k < ops.length; k++) {
                    String ratio = "";
                    if (k % 2 == 1) {
                        double[] r = new double[rounds];
                        for (int i = 0; i < rounds; i++) {
                            r[i] = (double) nanos[k - 1][i] / nanos[k][i];
                        }
                        Arrays.sort(r);
                        ratio = String.format(Locale.ROOT, "%.2f", r[rounds / 2]);
                    }
                    long[] sorted = nanos[k].clone();
                    Arrays.sort(sorted);
                    System.out.printf(Locale.ROOT, "| %s | %.1f | %s |%n", names[k], mb / (sorted[rounds / 2] / 1e9),
                            ratio);
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
