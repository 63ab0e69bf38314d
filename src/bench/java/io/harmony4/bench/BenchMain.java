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
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link EngineBenchmark} through JMH and prints ratio and MB/s (10^6 bytes per second of original data)
 * per engine and file as a Markdown table.
 *
 * <p>Options: {@code -engines a,b} {@code -files x,y} {@code -wi N} {@code -i N} {@code -time SECONDS}
 * {@code -forks N}.
 */
public final class BenchMain {
    public static void main(String[] args) throws Exception {
        Map<String, String> opt = parse(args);
        String[] engines = opt.getOrDefault("engines", "reference").split(",");
        String[] files = opt.getOrDefault("files", "dickens,ooffice,osdb,xml").split(",");
        int seconds = Integer.parseInt(opt.getOrDefault("time", "1"));
        Options options = new OptionsBuilder()
                .include(EngineBenchmark.class.getName())
                .param("engine", engines)
                .param("file", files)
                .warmupIterations(Integer.parseInt(opt.getOrDefault("wi", "2")))
                .warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(Integer.parseInt(opt.getOrDefault("i", "3")))
                .measurementTime(TimeValue.seconds(seconds))
                .forks(Integer.parseInt(opt.getOrDefault("forks", "1")))
                .threads(1)
                .build();
        Collection<RunResult> results = new Runner(options).run();

        System.out.println();
        System.out.println("| engine | file | size (MB) | ratio | compress MB/s | decompress MB/s |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        for (String engine : engines) {
            CompressionEngine codec = BenchEngines.create(engine);
            for (String file : files) {
                byte[] data = BenchData.load(file);
                double ratio = (double) data.length / codec.compress(data).length;
                double mb = data.length / 1e6;
                System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.3f | %s | %s |%n", engine, file, mb, ratio,
                        rate(results, engine, file, "compress", mb), rate(results, engine, file, "decompress", mb));
            }
        }
    }

    private static String rate(Collection<RunResult> results, String engine, String file, String op, double mb) {
        for (RunResult r : results) {
            var params = r.getParams();
            if (params.getBenchmark().endsWith("." + op) && engine.equals(params.getParam("engine"))
                    && file.equals(params.getParam("file"))) {
                var score = r.getPrimaryResult();
                return String.format(Locale.ROOT, "%.1f ± %.1f", score.getScore() * mb, score.getScoreError() * mb);
            }
        }
        return "n/a";
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
