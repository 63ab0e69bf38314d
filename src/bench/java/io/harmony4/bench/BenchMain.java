package io.harmony4.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks and prints Markdown tables (docs/benchmarks.md). Sizes are MB/s: 10^6 bytes of original
 * data per second, for compression and decompression alike. Every table sets its rows against a peer measured in
 * the same run.
 *
 * <p>{@code -bench engine}: {@link EngineBenchmark}, engines and peers ({@link BenchCodecs}) per file, each row
 * against its peer: {@code zstd-jni-L} for {@code core-L} and {@code air-ffm-L}, else {@code -baseline}.
 * {@code -bench container}: {@link ContainerBenchmark} with 1 and 2 threads against the bare engine and the
 * baseline peer on the same blocks, and zstd's own worker threads on the whole file ({@code -mtpeer}).
 * {@code -bench small}: {@link SmallInputBenchmark}, time per call.
 * {@code -bench verification}: {@link ContainerBenchmark} on 1 and 2 threads against the floor of a verified
 * decode and a one-block range read against that block decoded alone ({@link VerificationBenchmark}), with the
 * part of a request that stays sequential.
 * {@code -bench range}: that range read and its floors timed in turns, not by JMH ({@link RangeReadTurns}):
 * medians that a noisy machine cannot tilt ({@code -rounds N}).
 * {@code -bench filters}: filters and {@code auto} on typed data, ratio and time in turns ({@link FilterTurns}).
 * {@code -bench scaling}: the container on 1 and 2 block threads in turns ({@link ScalingTurns}).
 * {@code -bench stream-load}: {@link StreamLoad}, load on a running service over /v1/streams and POST /v1/messages.
 * {@code -bench dictionaries}: small messages with and without a dictionary, against the zstd command
 * ({@link DictionaryRatios}).
 * {@code -bench streams}: message streams against zstd-jni's stream, and a stream's memory ({@link StreamRatios}).
 * {@code -bench messages}: time per message with a dictionary, the core and the service's message path against
 * zstd-jni with the same dictionary ({@link DictionaryMessageTimes}); {@code -bench message-turns}: the same variants
 * timed in turns in one JVM, for ratios a busy machine cannot tilt ({@link DictionaryMessageTurns}).
 * {@code -bench message-files}: writes a dictionary's training messages and a measured message as files, for
 * bench/messages-http.sh ({@link DictionaryMessageFiles}).
 *
 * <p>Options: {@code -engines a,b} {@code -files x,y} {@code -block N} (engine) {@code -blocks N,M}
 * {@code -threads 1,2} (container) {@code -sizes 64,4096} (small) {@code -baseline zstd-jni-3}
 * {@code -mtpeer zstd-jni-3-t2} (container) {@code -wi N} {@code -i N} {@code -time SECONDS} {@code -forks N}.
 */
public final class BenchMain {
    private static final Pattern LEVELLED = Pattern.compile("(?:core|air-ffm)-(\\d+)(?:-.*)?");

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = parse(args);
        String bench = opt.getOrDefault("bench", "engine");
        switch (bench) {
            case "engine" -> engineTable(opt);
            case "container" -> containerTable(opt);
            case "small" -> smallTable(opt);
            case "verification" -> verificationTable(opt);
            case "range" -> RangeReadTurns.run(opt);
            case "filters" -> FilterTurns.run(opt);
            case "scaling" -> ScalingTurns.run(opt);
            case "dictionaries" -> DictionaryRatios.run(opt);
            case "streams" -> StreamRatios.run(opt);
            case "stream-load" -> StreamLoad.run(opt);
            case "messages" -> DictionaryMessageTimes.run(opt);
            case "message-turns" -> DictionaryMessageTurns.run(opt);
            case "message-files" -> DictionaryMessageFiles.write(opt);
            default -> throw new IllegalArgumentException("unknown -bench " + bench
                    + " (engine, container, small, verification, range, filters, scaling, dictionaries, streams, "
                    + "stream-load, messages, message-turns, message-files)");
        }
    }

    /**
     * The targets of docs/benchmarks.md, "Verification", each a ratio within this run. The sequential part comes from
     * the 1- and 2-thread times: T(n) = S + P / n gives S = 2 T(2) - T(1), a model to extrapolate, not a claim.
     */
    private static void verificationTable(Map<String, String> opt) throws Exception {
        String engine = opt.getOrDefault("engines", "core-3");
        String[] files = opt.getOrDefault("files", "dickens,mix64").split(",");
        String block = opt.getOrDefault("blocks", "1048576");
        Collection<RunResult> boxed = new Runner(options(opt, ContainerBenchmark.class)
                .param("engine", engine).param("file", files).param("block", block).param("threads", "1", "2")
                .build()).run();
        Collection<RunResult> floors = new Runner(options(opt, VerificationBenchmark.class)
                .param("engine", engine).param("file", files).param("block", block).build()).run();

        System.out.println();
        System.out.println("engine: " + engine + ", blocks of " + block + " bytes; MB/s of content; container "
                + "figures with 1 (1t) and 2 (2t) block threads; floor: the bare core decoding every block and its "
                + "SHA-256, one thread");
        System.out.println("| file | decompress 1t | floor | 1t × floor | decompress 2t | 2t × 1t | compress 1t "
                + "| compress 2t | 2t × 1t | sequential ms/MB (d / c) | model 16t MB/s (d / c) | range read µs "
                + "| × block alone | × block alone + SHA-256 | range read hashed after µs | × block alone "
                + "| digest bytes % of container |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String file : files) {
            byte[] data = BenchData.load(file);
            double mb = data.length / 1e6;
            Map<String, String> one = Map.of("file", file, "threads", "1");
            Map<String, String> two = Map.of("file", file, "threads", "2");
            double d1 = score(boxed, one, "decompress") * mb;
            double d2 = score(boxed, two, "decompress") * mb;
            double c1 = score(boxed, one, "compress") * mb;
            double c2 = score(boxed, two, "compress") * mb;
            Map<String, String> f = Map.of("file", file);
            double floorMicros = score(floors, f, "floorDecodeAndSha256");
            double floor = mb / (floorMicros / 1e6);
            double range = score(floors, f, "rangeReadOneBlock");
            double rangeAfter = score(floors, f, "rangeReadOneBlockHashedAfter");
            double alone = score(floors, f, "decodeOneBlockAlone");
            double aloneSha = score(floors, f, "decodeOneBlockAloneAndSha256");
            long containerSize = ContainerBenchmark.containerSize(engine, file, Integer.parseInt(block));
            long blocks = (data.length + Long.parseLong(block) - 1) / Long.parseLong(block);
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.2f | %.1f | %.2f | %.1f | %.1f | %.2f | %s / %s "
                    + "| %s / %s | %.0f | %.2f | %.2f | %.0f | %.2f | %.4f |%n", file, d1, floor, d1 / floor, d2,
                    d2 / d1, c1, c2, c2 / c1, sequential(d1, d2), sequential(c1, c2), model(d1, d2, 16), model(c1, c2, 16),
                    range, range / alone, range / aloneSha, rangeAfter, rangeAfter / alone,
                    100.0 * 32 * blocks / containerSize);
        }
    }

    /** S in ms per MB from the 1- and 2-thread rates: T(1) = S + P, T(2) = S + P / 2. */
    private static String sequential(double rate1, double rate2) {
        double t1 = 1000 / rate1;
        double t2 = 1000 / rate2;
        return String.format(Locale.ROOT, "%.2f", Math.max(0, 2 * t2 - t1));
    }

    /** MB/s at {@code n} threads by the same model, for as long as there is work for every thread. */
    private static String model(double rate1, double rate2, int n) {
        double t1 = 1000 / rate1;
        double t2 = 1000 / rate2;
        double s = Math.max(0, 2 * t2 - t1);
        double p = t1 - s;
        return String.format(Locale.ROOT, "%.0f", 1000 / (s + p / n));
    }

    private static void engineTable(Map<String, String> opt) throws Exception {
        List<String> engines = List.of(opt.getOrDefault("engines", "reference,core-3,zstd-jni-3").split(","));
        String[] files = opt.getOrDefault("files", "dickens,ooffice,osdb,xml").split(",");
        String block = opt.getOrDefault("block", "0");
        String baseline = opt.getOrDefault("baseline", "zstd-jni-3");
        Collection<RunResult> results = new Runner(options(opt, EngineBenchmark.class)
                .param("engine", engines.toArray(String[]::new))
                .param("file", files)
                .param("block", block)
                .build()).run();

        System.out.println();
        System.out.println("block size: " + (block.equals("0") ? "whole file" : block + " bytes")
                + "; MB/s of original data, ± JMH's 99.9% error; best: the fastest iteration (zstd -b reports its "
                + "fastest run); × peer: this row's mean speed over the peer's");
        System.out.println("| file | engine | ratio | compress | best | decompress | best | peer | compress × peer "
                + "| decompress × peer |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---|---:|---:|");
        Map<String, BenchCodec> codecs = codecs(engines.toArray(String[]::new));
        for (String file : files) {
            byte[] data = BenchData.load(file);
            double mb = data.length / 1e6;
            for (String engine : engines) {
                double ratio = ratio(codecs.get(engine), data, Integer.parseInt(block));
                Map<String, String> at = Map.of("engine", engine, "file", file);
                String peer = peerOf(engine, engines, baseline);
                String vs = peer == null || peer.equals(engine) ? "| | |" : String.format(Locale.ROOT,
                        "%s | %.2f | %.2f |", peer,
                        score(results, at, "compress") / score(results, Map.of("engine", peer, "file", file), "compress"),
                        score(results, at, "decompress") / score(results, Map.of("engine", peer, "file", file), "decompress"));
                System.out.printf(Locale.ROOT, "| %s | %s | %.3f | %s | %s | %s%n", file, engine, ratio,
                        rateAndBest(results, at, "compress", mb), rateAndBest(results, at, "decompress", mb), vs);
            }
        }
    }

    /** The peer a row is set against: zstd-jni at the same level for the libzstd bindings, else the baseline. */
    private static String peerOf(String engine, List<String> engines, String baseline) {
        Matcher m = LEVELLED.matcher(engine);
        if (m.matches() && engines.contains("zstd-jni-" + m.group(1))) {
            return "zstd-jni-" + m.group(1);
        }
        return engines.contains(baseline) ? baseline : null;
    }

    /**
     * The container with 1 and 2 threads against the bare engine and the baseline peer on the same blocks, and
     * against zstd's own multi-threaded compression of the whole file ({@code -mtpeer}, as {@code zstd -T2} runs).
     */
    private static void containerTable(Map<String, String> opt) throws Exception {
        String engine = opt.getOrDefault("engines", "core-3");
        String baseline = opt.getOrDefault("baseline", "zstd-jni-3");
        String mtPeer = opt.getOrDefault("mtpeer", "zstd-jni-3-t2");
        String[] files = opt.getOrDefault("files", "dickens,ooffice,osdb,xml").split(",");
        String[] blocks = opt.getOrDefault("blocks", "1048576").split(",");
        String[] threads = opt.getOrDefault("threads", "1,2").split(",");
        Collection<RunResult> bare = new Runner(options(opt, EngineBenchmark.class)
                .param("engine", engine, baseline).param("file", files).param("block", blocks).build()).run();
        Collection<RunResult> whole = new Runner(options(opt, EngineBenchmark.class)
                .param("engine", mtPeer).param("file", files).param("block", "0").build()).run();
        Collection<RunResult> boxed = new Runner(options(opt, ContainerBenchmark.class)
                .param("engine", engine).param("file", files).param("block", blocks).param("threads", threads)
                .build()).run();

        System.out.println();
        System.out.println("engine: " + engine + "; peers: " + baseline + " on the same blocks, single thread, and "
                + mtPeer + " (zstd's own worker threads) on the whole file");
        System.out.println("| file | block | what | ratio | compress MB/s | decompress MB/s | × bare engine (c / d) "
                + "| × " + baseline + " (c / d) | × " + mtPeer + " (c / d) |");
        System.out.println("|---|---:|---|---:|---:|---:|---:|---:|---:|");
        Map<String, BenchCodec> codecs = codecs(engine, baseline, mtPeer);
        for (String file : files) {
            byte[] data = BenchData.load(file);
            double mb = data.length / 1e6;
            double mc = score(whole, Map.of("file", file), "compress") * mb;
            double md = score(whole, Map.of("file", file), "decompress") * mb;
            System.out.printf(Locale.ROOT, "| %s | whole file | %s | %.3f | %.1f | %.1f | | | 1.00 / 1.00 |%n",
                    file, mtPeer, ratio(codecs.get(mtPeer), data, 0), mc, md);
            for (String block : blocks) {
                int size = Integer.parseInt(block);
                double bc = score(bare, Map.of("engine", engine, "file", file, "block", block), "compress") * mb;
                double bd = score(bare, Map.of("engine", engine, "file", file, "block", block), "decompress") * mb;
                double pc = score(bare, Map.of("engine", baseline, "file", file, "block", block), "compress") * mb;
                double pd = score(bare, Map.of("engine", baseline, "file", file, "block", block), "decompress") * mb;
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %.3f | %.1f | %.1f | | 1.00 / 1.00 | |%n",
                        file, block, baseline, ratio(codecs.get(baseline), data, size), pc, pd);
                System.out.printf(Locale.ROOT, "| %s | %s | bare %s | %.3f | %.1f | %.1f | 1.00 / 1.00 | %.2f / %.2f | |%n",
                        file, block, engine, ratio(codecs.get(engine), data, size), bc, bd, bc / pc, bd / pd);
                double boxedRatio = (double) data.length / ContainerBenchmark.containerSize(engine, file, size);
                for (String t : threads) {
                    Map<String, String> p = Map.of("file", file, "block", block, "threads", t);
                    double cc = score(boxed, p, "compress") * mb;
                    double cd = score(boxed, p, "decompress") * mb;
                    System.out.printf(Locale.ROOT, "| %s | %s | container, %s thread(s) | %.3f | %.1f | %.1f "
                            + "| %.2f / %.2f | %.2f / %.2f | %.2f / %.2f |%n", file, block, t, boxedRatio, cc, cd,
                            cc / bc, cd / bd, cc / pc, cd / pd, cc / mc, cd / md);
                }
            }
        }
    }

    /**
     * Time per call on small inputs. zstd-jni runs twice, with each of its bindings: FFM (its default on Java 22 and
     * later) and JNI (in forks that ignore multi-release jars), so every row is set against both.
     */
    private static void smallTable(Map<String, String> opt) throws Exception {
        String[] engines = opt.getOrDefault("engines", "core-3,zstd-jni-3,air-ffm-3").split(",");
        String[] sizes = opt.getOrDefault("sizes", "64,256,1024,4096,16384,65536").split(",");
        String peer = opt.getOrDefault("baseline", "zstd-jni-3");
        Collection<RunResult> results = new Runner(options(opt, SmallInputBenchmark.class)
                .param("engine", engines)
                .param("size", sizes)
                .build()).run();
        Collection<RunResult> jni = new Runner(options(opt, SmallInputBenchmark.class)
                .param("engine", peer)
                .param("size", sizes)
                .jvmArgsAppend(ZstdJniCodec.JNI_ONLY)
                .build()).run();

        System.out.println();
        System.out.println("ns per call, ± JMH's 99.9% error; × " + peer + " FFM / JNI: the peer's time over this "
                + "row's (above 1: faster than the peer)");
        System.out.println("| size (bytes) | engine | compress ns | decompress ns | compress × FFM / JNI peer "
                + "| decompress × FFM / JNI peer |");
        System.out.println("|---:|---|---:|---:|---:|---:|");
        for (String size : sizes) {
            Map<String, String> p = Map.of("engine", peer, "size", size);
            for (String engine : engines) {
                Map<String, String> at = Map.of("engine", engine, "size", size);
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %.2f / %.2f | %.2f / %.2f |%n", size,
                        engine.equals(peer) ? engine + " (FFM)" : engine,
                        time(results, at, "compress"), time(results, at, "decompress"),
                        score(results, p, "compress") / score(results, at, "compress"),
                        score(jni, p, "compress") / score(results, at, "compress"),
                        score(results, p, "decompress") / score(results, at, "decompress"),
                        score(jni, p, "decompress") / score(results, at, "decompress"));
            }
            System.out.printf(Locale.ROOT, "| %s | %s (JNI) | %s | %s | %.2f / 1.00 | %.2f / 1.00 |%n", size, peer,
                    time(jni, p, "compress"), time(jni, p, "decompress"),
                    score(results, p, "compress") / score(jni, p, "compress"),
                    score(results, p, "decompress") / score(jni, p, "decompress"));
        }
    }

    static RunResult find(Collection<RunResult> results, Map<String, String> params, String op) {
        for (RunResult r : results) {
            var p = r.getParams();
            if (p.getBenchmark().endsWith("." + op)
                    && params.entrySet().stream().allMatch(e -> e.getValue().equals(p.getParam(e.getKey())))) {
                return r;
            }
        }
        return null;
    }

    static double score(Collection<RunResult> results, Map<String, String> params, String op) {
        RunResult r = find(results, params, op);
        return r == null ? Double.NaN : r.getPrimaryResult().getScore();
    }

    /** Throughput of one benchmark as MB/s of original data, with JMH's error. */
    private static String rate(Collection<RunResult> results, Map<String, String> params, String op, double mb) {
        RunResult r = find(results, params, op);
        if (r == null) {
            return "n/a";
        }
        var score = r.getPrimaryResult();
        return String.format(Locale.ROOT, "%.1f ± %.1f", score.getScore() * mb, score.getScoreError() * mb);
    }

    /** {@link #rate} and the fastest iteration, in two cells. */
    private static String rateAndBest(Collection<RunResult> results, Map<String, String> params, String op,
            double mb) {
        RunResult r = find(results, params, op);
        return r == null ? "n/a | n/a" : String.format(Locale.ROOT, "%s | %.1f", rate(results, params, op, mb),
                r.getPrimaryResult().getStatistics().getMax() * mb);
    }

    private static String time(Collection<RunResult> results, Map<String, String> params, String op) {
        RunResult r = find(results, params, op);
        if (r == null) {
            return "n/a";
        }
        var score = r.getPrimaryResult();
        return String.format(Locale.ROOT, "%.0f ± %.0f", score.getScore(), score.getScoreError());
    }

    static ChainedOptionsBuilder options(Map<String, String> opt, Class<?> bench) {
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

    /** One codec per name, made once for a table's ratio column (each core codec loads the library). */
    private static Map<String, BenchCodec> codecs(String... names) {
        Map<String, BenchCodec> out = new LinkedHashMap<>();
        for (String name : names) {
            out.computeIfAbsent(name, BenchCodecs::create);
        }
        return out;
    }

    /** Original size over the total compressed size of the data cut into independent blocks (0: one block). */
    private static double ratio(BenchCodec codec, byte[] data, int block) {
        int size = block > 0 ? block : Math.max(1, data.length);
        long total = 0;
        for (int at = 0; at < data.length; at += size) {
            total += codec.compress(Arrays.copyOfRange(data, at, Math.min(data.length, at + size))).length;
        }
        return (double) data.length / total;
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
