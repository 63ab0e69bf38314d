package io.harmony4.bench;

import io.harmony4.container.EngineFilters;
import io.harmony4.container.FilterChoice;
import io.harmony4.container.H4mkWriter;
import io.harmony4.engine.CompressionEngine;
import io.harmony4.filter.FilterChain;
import io.harmony4.filter.FilterRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Filters on typed data (docs/benchmarks.md, "Typed numeric data"): for each data set and each filter choice, the
 * container's size and ratio, and the single-thread time of compressing it and of the filters alone, timed in turns
 * (each round runs every choice once) so that the machine's swings fall on all alike; medians. Then, for typed data,
 * the container's compress and decompress MB/s with each filter on 1 and 2 block threads, as Blosc2's script
 * reports them.
 * {@code -bench filters -files tokens-int16:2,sensor-int32:4,sensor-float32:4,image-uint16:2,dickens:1 -rounds 5}:
 * each file with its element size; the typed sets are bench/blosc-baseline.py's, in target/typed.
 */
final class FilterTurns {
    private FilterTurns() {}

    static void run(Map<String, String> opt) throws IOException {
        String engineName = opt.getOrDefault("engines", "core-3");
        int block = Integer.parseInt(opt.getOrDefault("blocks", "1048576"));
        int rounds = Integer.parseInt(opt.getOrDefault("rounds", "5"));
        CompressionEngine engine = BenchEngines.create(engineName);
        for (String spec : opt.getOrDefault("files",
                "tokens-int16:2,sensor-int32:4,sensor-float32:4,image-uint16:2,dickens:1").split(",")) {
            String[] nameAndSize = spec.split(":");
            String name = nameAndSize[0];
            int e = Integer.parseInt(nameAndSize[1]);
            byte[] data = load(name);
            Map<String, FilterChoice> choices = choices(e);
            Map<String, long[]> compressNanos = new LinkedHashMap<>();
            Map<String, long[]> filterNanos = new LinkedHashMap<>();
            Map<String, Integer> sizes = new LinkedHashMap<>();
            for (String label : choices.keySet()) {
                compressNanos.put(label, new long[rounds]);
                filterNanos.put(label, new long[rounds]);
            }
            for (int round = -1; round < rounds; round++) { // round -1 warms up
                for (Map.Entry<String, FilterChoice> c : choices.entrySet()) {
                    long t = System.nanoTime();
                    int size = compress(data, engine, block, c.getValue());
                    long took = System.nanoTime() - t;
                    t = System.nanoTime();
                    long sink = filterOnly(data, engine, block, c.getValue());
                    long filtered = System.nanoTime() - t;
                    if (round >= 0) {
                        compressNanos.get(c.getKey())[round] = took;
                        filterNanos.get(c.getKey())[round] = filtered + (sink & 0);
                    }
                    sizes.put(c.getKey(), size);
                }
            }
            double none = Turns.median(compressNanos.get("none"));
            System.out.printf(Locale.ROOT, "%n%s (%d bytes, element size %d), %s, blocks of %d, %d rounds in turns%n",
                    name, data.length, e, engineName, block, rounds);
            System.out.println("| filters | ratio | compress MB/s, 1 thread | filters alone, % of compressing "
                    + "without filters |");
            System.out.println("|---|---:|---:|---:|");
            for (String label : choices.keySet()) {
                double c = Turns.median(compressNanos.get(label));
                double f = Turns.median(filterNanos.get(label));
                System.out.printf(Locale.ROOT, "| %s | %.3f | %.1f | %.1f |%n", label,
                        (double) data.length / sizes.get(label), data.length / (c / 1e3), 100 * f / none);
            }
            if (e > 1) {
                speeds(name, data, e, opt, rounds);
            }
        }
    }

    /**
     * Compress and decompress MB/s of the whole container (the verifying stream reader) on 1 and 2 block threads,
     * for no filter, each filter and chain at the element size, and auto at it, in turns: the figures Blosc2's
     * script gives for its filters.
     */
    private static void speeds(String name, byte[] data, int e, Map<String, String> opt, int rounds)
            throws IOException {
        Map<String, FilterChoice> choices = new LinkedHashMap<>(choices(e));
        choices.remove("auto"); // auto at any size is auto at e here, with more trials
        List<ContainerBenchmark> states = new ArrayList<>();
        List<Turns.Op> ops = new ArrayList<>();
        try {
            for (FilterChoice choice : choices.values()) {
                for (int threads = 1; threads <= 2; threads++) {
                    ContainerBenchmark b = new ContainerBenchmark();
                    b.engine = opt.getOrDefault("engines", "core-3");
                    b.file = name;
                    b.data = data;
                    b.block = Integer.parseInt(opt.getOrDefault("blocks", "1048576"));
                    b.threads = threads;
                    b.filters = choice;
                    b.setup();
                    states.add(b);
                }
            }
            for (ContainerBenchmark b : states) {
                ops.add(b::compress);
            }
            for (ContainerBenchmark b : states) {
                ops.add(b::decompress);
            }
            long[][] nanos = Turns.time(ops.toArray(Turns.Op[]::new), rounds, 1);
            double mb = data.length / 1e6;
            System.out.printf(Locale.ROOT, "%n%s: the container's speed with each filter, %d rounds in turns%n", name,
                    rounds);
            System.out.println("| filters | compress MB/s 1t / 2t | decompress MB/s 1t / 2t |");
            System.out.println("|---|---:|---:|");
            int k = 0;
            int half = states.size();
            for (String label : choices.keySet()) {
                System.out.printf(Locale.ROOT, "| %s | %.0f / %.0f | %.0f / %.0f |%n", label,
                        mb / (Turns.median(nanos[k]) / 1e9), mb / (Turns.median(nanos[k + 1]) / 1e9),
                        mb / (Turns.median(nanos[half + k]) / 1e9), mb / (Turns.median(nanos[half + k + 1]) / 1e9));
                k += 2;
            }
        } finally {
            states.forEach(ContainerBenchmark::tearDown);
        }
    }

    /** No filter, each filter at the element size, the chains auto tries, and auto at that size and at any. */
    private static Map<String, FilterChoice> choices(int e) {
        Map<String, FilterChoice> choices = new LinkedHashMap<>();
        choices.put("none", FilterChoice.NONE);
        List<String> chains = new ArrayList<>();
        if (e > 1) {
            chains.addAll(List.of("shuffle:" + e, "bitshuffle:" + e, "shuffle:" + e + ",delta:1", "delta:" + e,
                    "delta:" + e + ",shuffle:" + e));
            if (e <= 4) {
                chains.addAll(List.of("wavelet:" + e, "wavelet:" + e + ",shuffle:" + e));
            }
        } else {
            chains.add("delta:1");
        }
        for (String chain : chains) {
            choices.put(chain, new FilterChoice.Fixed(FilterChain.parse(chain)));
        }
        if (e > 1) {
            choices.put("auto, elementSize " + e, new FilterChoice.Auto(List.of(e)));
        }
        choices.put("auto", new FilterChoice.Auto(List.of()));
        return choices;
    }

    private static int compress(byte[] data, CompressionEngine engine, int block, FilterChoice choice) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2);
        try (H4mkWriter w = new H4mkWriter(out, engine, block, null, 1, choice)) {
            w.write(data);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.size();
    }

    /** What the filters cost alone: choosing (auto's trials) and applying them to every block, as the writer does. */
    private static long filterOnly(byte[] data, CompressionEngine engine, int block, FilterChoice choice) {
        long sink = 0;
        FilterRunner runner = EngineFilters.of(engine);
        for (int at = 0; at < data.length; at += block) {
            byte[] b = Arrays.copyOfRange(data, at, Math.min(data.length, at + block));
            sink += choice.choose(b, engine).apply(b, runner)[0];
        }
        return sink;
    }

    private static byte[] load(String name) throws IOException {
        Path typed = Path.of("target", "typed", name + ".bin");
        return Files.exists(typed) ? Files.readAllBytes(typed) : BenchData.load(name);
    }
}
