package io.harmony4.bench;

import io.harmony4.engine.CompressionEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks and prints Markdown tables of ratio and MB/s (10^6 bytes of original data per second):
 * {@link EngineBenchmark} per engine and file, or {@link TransferBenchmark} per engine and block size.
 *
 * <p>Options: {@code -bench engine|transfer|container} {@code -engines a,b} {@code -files x,y} {@code -block N}
 * (engine) {@code -blocks N,M} {@code -threads 1,2} (container)
 * {@code -sizes 4096,65536} (transfer) {@code -wi N} {@code -i N} {@code -time SECONDS} {@code -forks N}.
 */
public final class BenchMain {
    public static void main(String[] args) throws Exception {
        Map<String, String> opt = parse(args);
        String bench = opt.getOrDefault("bench", "engine");
        switch (bench) {
            case "engine" -> engineTable(opt);
            case "transfer" -> transferTable(opt);
            case "container" -> containerTable(opt);
            default -> throw new IllegalArgumentException("unknown -bench " + bench
                    + " (engine, transfer, container)");
        }
    }

    private static void engineTable(Map<String, String> opt) throws Exception {
        String[] engines = opt.getOrDefault("engines", "reference").split(",");
        String[] files = opt.getOrDefault("files", "dickens,ooffice,osdb,xml").split(",");
        String block = opt.getOrDefault("block", "0");
        Collection<RunResult> results = new Runner(options(opt, EngineBenchmark.class)
                .param("engine", engines)
                .param("file", files)
                .param("block", block)
                .build()).run();

        System.out.println();
        System.out.println("block size: " + (block.equals("0") ? "whole file" : block + " bytes"));
        System.out.println("| engine | file | size (MB) | ratio | compress MB/s | best | decompress MB/s | best |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
        for (String engine : engines) {
            CompressionEngine codec = BenchEngines.create(engine);
            for (String file : files) {
                byte[] data = BenchData.load(file);
                double ratio = (double) data.length / compressedSize(codec, data, Integer.parseInt(block));
                double mb = data.length / 1e6;
                System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.3f | %s | %s |%n", engine, file, mb, ratio,
                        rate(results, "engine", engine, "file", file, "compress", mb),
                        rate(results, "engine", engine, "file", file, "decompress", mb));
            }
        }
    }

    private static void transferTable(Map<String, String> opt) throws Exception {
        String[] engines = opt.getOrDefault("engines", "core-1-heap,core-1-copy").split(",");
        String[] sizes = opt.getOrDefault("sizes", "4096,65536,1048576").split(",");
        Collection<RunResult> results = new Runner(options(opt, TransferBenchmark.class)
                .param("engine", engines)
                .param("blockSize", sizes)
                .build()).run();

        System.out.println();
        System.out.println("| engine | block size | compress MB/s | best | decompress MB/s | best |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (String size : sizes) {
            for (String engine : engines) {
                double mb = Integer.parseInt(size) / 1e6;
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %s |%n", engine, size,
                        rate(results, "engine", engine, "blockSize", size, "compress", mb),
                        rate(results, "engine", engine, "blockSize", size, "decompress", mb));
            }
        }
    }

    /** Bare engine on the blocks against the container with 1 and 2 threads, in one JMH run. */
    private static void containerTable(Map<String, String> opt) throws Exception {
        String engine = opt.getOrDefault("engines", "core-3");
        String[] files = opt.getOrDefault("files", "dickens,ooffice,osdb,xml").split(",");
        String[] blocks = opt.getOrDefault("blocks", "1048576").split(",");
        String[] threads = opt.getOrDefault("threads", "1,2").split(",");
        Collection<RunResult> bare = new Runner(options(opt, EngineBenchmark.class)
                .param("engine", engine).param("file", files).param("block", blocks).build()).run();
        Collection<RunResult> boxed = new Runner(options(opt, ContainerBenchmark.class)
                .param("engine", engine).param("file", files).param("block", blocks).param("threads", threads)
                .build()).run();

        System.out.println();
        System.out.println("engine: " + engine);
        System.out.println("| file | block | what | compress MB/s | decompress MB/s | vs bare engine (c / d) | bytes added |");
        System.out.println("|---|---:|---|---:|---:|---:|---:|");
        CompressionEngine codec = BenchEngines.create(engine);
        for (String file : files) {
            byte[] data = BenchData.load(file);
            double mb = data.length / 1e6;
            for (String block : blocks) {
                double bc = score(bare, Map.of("file", file, "block", block), "compress") * mb;
                double bd = score(bare, Map.of("file", file, "block", block), "decompress") * mb;
                System.out.printf(Locale.ROOT, "| %s | %s | bare engine | %.1f | %.1f | 1.00 / 1.00 | |%n",
                        file, block, bc, bd);
                long added = ContainerBenchmark.containerSize(engine, file, Integer.parseInt(block))
                        - compressedSize(codec, data, Integer.parseInt(block));
                for (String t : threads) {
                    Map<String, String> p = Map.of("file", file, "block", block, "threads", t);
                    double cc = score(boxed, p, "compress") * mb;
                    double cd = score(boxed, p, "decompress") * mb;
                    System.out.printf(Locale.ROOT, "| %s | %s | container, %s thread(s) | %.1f | %.1f | %.2f / %.2f | %d |%n",
                            file, block, t, cc, cd, cc / bc, cd / bd, added);
                }
            }
        }
    }

    private static double score(Collection<RunResult> results, Map<String, String> params, String op) {
        for (RunResult r : results) {
            var p = r.getParams();
            if (p.getBenchmark().endsWith("." + op)
                    && params.entrySet().stream().allMatch(e -> e.getValue().equals(p.getParam(e.getKey())))) {
                return r.getPrimaryResult().getScore();
            }
        }
        return Double.NaN;
    }

    private static org.openjdk.jmh.runner.options.ChainedOptionsBuilder options(Map<String, String> opt, Class<?> bench) {
        int seconds = Integer.parseInt(opt.getOrDefault("time", "1"));
        return new OptionsBuilder()
                .include(bench.getName())
                .warmupIterations(Integer.parseInt(opt.getOrDefault("wi", "2")))
                .warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(Integer.parseInt(opt.getOrDefault("i", "3")))
                .measurementTime(TimeValue.seconds(seconds))
                .forks(Integer.parseInt(opt.getOrDefault("forks", "1")))
                .threads(1);
    }

    /** Total compressed size of the data cut into independent blocks (0: one block). */
    private static long compressedSize(CompressionEngine codec, byte[] data, int block) {
        int size = block > 0 ? block : Math.max(1, data.length);
        long total = 0;
        for (int at = 0; at < data.length; at += size) {
            total += codec.compress(java.util.Arrays.copyOfRange(data, at, Math.min(data.length, at + size))).length;
        }
        return total;
    }

    /** The score of one benchmark method at the given two parameter values, as MB/s of original data. */
    private static String rate(Collection<RunResult> results, String key1, String value1, String key2, String value2,
            String op, double mb) {
        for (RunResult r : results) {
            var params = r.getParams();
            if (params.getBenchmark().endsWith("." + op) && value1.equals(params.getParam(key1))
                    && value2.equals(params.getParam(key2))) {
                var score = r.getPrimaryResult();
                // the best iteration too: zstd -b reports its fastest run, so best compares with best
                return String.format(Locale.ROOT, "%.1f ± %.1f | %.1f", score.getScore() * mb,
                        score.getScoreError() * mb, score.getStatistics().getMax() * mb);
            }
        }
        return "n/a | n/a";
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        for (int i = 0; i + 1 < rest.size(); i += 2) {
            if (!rest.get(i).startsWith("-")) {
                throw new IllegalArgumentException("expected -name value, got " + rest.get(i));
            }
            out.put(rest.get(i).substring(1), rest.get(i + 1));
        }
        return out;
    }
}
