package io.harmony4.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;

/**
 * Time per message with a dictionary, each variant against zstd-jni with the same dictionary bytes
 * ({@link DictionaryMessageBenchmark}, docs/benchmarks.md, "Small messages and dictionaries"). JMH runs the whole
 * sweep {@code -repeat} times; the table gives each time's median over the sweeps, and each ratio's median (and
 * range) over the ratios taken within one sweep, so that a busy minute on a shared machine tilts one sweep, not the
 * table. A ratio is the peer's time over the variant's: at least 0.9 meets issue 26's target. A second table gives
 * what explains the times: the frames' sizes (equal work), the bytes each variant allocates per message (JMH's GC
 * profiler), and the two digests computed in Java on every message ({@link MessageDigestBenchmark}).
 *
 * <p>{@code -bench messages -engines core-3,core-3-unverified,zstd-jni-3,service -files tokens,json,dickens
 * -sizes 256,1024,4096,16384 -repeat 3 -baseline zstd-jni-3}, and JMH's {@code -wi -i -time -forks}.
 */
final class DictionaryMessageTimes {
    private static final String[] OPS = {"compress", "decompress"};
    private static final String ALLOCATED = "gc.alloc.rate.norm";

    private DictionaryMessageTimes() {}

    static void run(Map<String, String> opt) throws Exception {
        List<String> variants = List.of(opt.getOrDefault("engines", "core-3,core-3-unverified,zstd-jni-3,service")
                .split(","));
        String peer = opt.getOrDefault("baseline", "zstd-jni-3");
        if (!variants.contains(peer)) {
            throw new IllegalArgumentException("-engines must include the peer " + peer);
        }
        String[] files = opt.getOrDefault("files", "tokens,json,dickens").split(",");
        String[] sizes = opt.getOrDefault("sizes", "256,1024,4096,16384").split(",");
        int repeat = Integer.parseInt(opt.getOrDefault("repeat", "3"));
        List<Collection<RunResult>> sweeps = new ArrayList<>();
        List<Collection<RunResult>> digests = new ArrayList<>();
        for (int r = 0; r < repeat; r++) {
            sweeps.add(new Runner(BenchMain.options(opt, DictionaryMessageBenchmark.class)
                    .param("engine", variants.toArray(String[]::new))
                    .param("data", files)
                    .param("size", sizes)
                    .addProfiler(GCProfiler.class)
                    .build()).run());
            digests.add(new Runner(BenchMain.options(opt, MessageDigestBenchmark.class)
                    .param("data", files)
                    .param("size", sizes)
                    .build()).run());
        }

        List<String> others = variants.stream().filter(v -> !v.equals(peer)).toList();
        System.out.println();
        System.out.printf(Locale.ROOT, "ns per message, compress / decompress, median of %d JMH sweeps; × %s: its "
                + "time over the row's (target 0.9), median of the sweeps' ratios (lowest-highest); %d held-out "
                + "messages per row, the dictionary trained on up to %d others%n", repeat, peer,
                DictionaryMessages.MEASURED, DictionaryMessages.TRAIN);
        printTimesHead(peer, others);
        for (String file : files) {
            for (String size : sizes) {
                StringBuilder row = new StringBuilder("| ").append(file).append(" | ")
                        .append(DictionaryRatios.label(Integer.parseInt(size))).append(" | ")
                        .append(times(sweeps, peer, file, size)).append(" |");
                for (String v : others) {
                    row.append(' ').append(times(sweeps, v, file, size)).append(" | ")
                            .append(ratio(sweeps, peer, v, file, size, OPS[0])).append(" / ")
                            .append(ratio(sweeps, peer, v, file, size, OPS[1])).append(" |");
                }
                System.out.println(row);
            }
        }

        System.out.println();
        System.out.println("What the times are made of: mean frame bytes; bytes allocated per message, compress / "
                + "decompress (JMH's GC profiler, median of the sweeps); ns per message of the XXH64 the core checks "
                + "again in Java on decompression and of the SHA-256 the service computes of every message");
        StringBuilder head2 = new StringBuilder("| data | message | frame bytes ").append(String.join(" / ", variants))
                .append(" |");
        StringBuilder rule2 = new StringBuilder("|---|---:|---:|");
        for (String v : variants) {
            head2.append(' ').append(v).append(" B allocated |");
            rule2.append("---:|");
        }
        System.out.println(head2.append(" XXH64 ns | SHA-256 ns |"));
        System.out.println(rule2.append("---:|---:|"));
        for (String file : files) {
            for (String size : sizes) {
                DictionaryMessages.Set set = DictionaryMessages.of(file, Integer.parseInt(size));
                List<String> bytes = new ArrayList<>();
                for (String v : variants) {
                    bytes.add(String.format(Locale.ROOT, "%.1f",
                            (double) DictionaryMessages.frameBytes(v, set) / set.measured().length));
                }
                StringBuilder row = new StringBuilder("| ").append(file).append(" | ")
                        .append(DictionaryRatios.label(Integer.parseInt(size))).append(" | ")
                        .append(String.join(" / ", bytes)).append(" |");
                for (String v : variants) {
                    row.append(' ').append(allocated(sweeps, v, file, size)).append(" |");
                }
                Map<String, String> at = Map.of("data", file, "size", size);
                row.append(String.format(Locale.ROOT, " %.0f | %.0f |", median(digests, at, "xxh64"),
                        median(digests, at, "sha256")));
                System.out.println(row);
            }
        }
    }

    /** The head of a table of times: the peer's, then each other variant's and its ratio to the peer. */
    static void printTimesHead(String peer, List<String> others) {
        StringBuilder head = new StringBuilder("| data | message | ").append(peer).append(" ns |");
        StringBuilder rule = new StringBuilder("|---|---:|---:|");
        for (String v : others) {
            head.append(' ').append(v).append(" ns | × ").append(peer).append(" (c / d) |");
            rule.append("---:|---:|");
        }
        System.out.println(head);
        System.out.println(rule);
    }

    /** "compress / decompress" ns, each the median over the sweeps. */
    private static String times(List<Collection<RunResult>> sweeps, String variant, String file, String size) {
        List<String> out = new ArrayList<>();
        for (String op : OPS) {
            out.add(String.format(Locale.ROOT, "%.0f", median(sweeps, at(variant, file, size), op)));
        }
        return String.join(" / ", out);
    }

    /** "compress / decompress" bytes allocated per message, each the median over the sweeps. */
    private static String allocated(List<Collection<RunResult>> sweeps, String variant, String file, String size) {
        List<String> out = new ArrayList<>();
        for (String op : OPS) {
            double[] bytes = sweeps.stream().mapToDouble(s -> secondary(s, at(variant, file, size), op)).toArray();
            out.add(String.format(Locale.ROOT, "%.0f", median(bytes)));
        }
        return String.join(" / ", out);
    }

    /** The peer's time over the variant's, within each sweep: the median, and the range when there are several. */
    private static String ratio(List<Collection<RunResult>> sweeps, String peer, String variant, String file,
            String size, String op) {
        double[] ratios = sweeps.stream().mapToDouble(s -> BenchMain.score(s, at(peer, file, size), op)
                / BenchMain.score(s, at(variant, file, size), op)).toArray();
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        String median = String.format(Locale.ROOT, "%.2f", median(ratios));
        return sorted.length < 2 ? median : String.format(Locale.ROOT, "%s (%.2f-%.2f)", median, sorted[0],
                sorted[sorted.length - 1]);
    }

    private static double secondary(Collection<RunResult> results, Map<String, String> params, String op) {
        RunResult r = BenchMain.find(results, params, op);
        if (r != null) {
            for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
                if (e.getKey().endsWith(ALLOCATED)) {
                    return e.getValue().getScore();
                }
            }
        }
        return Double.NaN;
    }

    private static Map<String, String> at(String variant, String file, String size) {
        return Map.of("engine", variant, "data", file, "size", size);
    }

    private static double median(List<Collection<RunResult>> sweeps, Map<String, String> params, String op) {
        return median(sweeps.stream().mapToDouble(s -> BenchMain.score(s, params, op)).toArray());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
