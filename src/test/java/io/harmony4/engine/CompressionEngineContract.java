package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every {@link CompressionEngine} must pass. Each engine's test extends this class and only says how
 * to make the engine and how large its output may grow; the tests themselves are shared, unchanged. What each engine
 * writes for a set of inputs is pinned in {@code src/test/resources/engine-pins/<engine id>.txt}.
 */
public abstract class CompressionEngineContract {

    /** The engine under test; may return the same instance every time (engines are thread-safe). */
    protected abstract CompressionEngine engine();

    /** The documented upper bound of {@code compress(x).length} for an input of this length. */
    protected abstract long compressBound(int inputLength);

    /**
     * Inputs whose outputs each engine pins: the other tests compare outputs within one JVM, these against what
     * the engine wrote on another machine and JDK. With each, the SHA-256 of the input, so that a change of the
     * generators is told apart from a change of the engine.
     */
    private static final Map<String, Map.Entry<byte[], String>> PINNED_INPUTS = pinnedInputs();

    private static Map<String, Map.Entry<byte[], String>> pinnedInputs() {
        Map<String, Map.Entry<byte[], String>> inputs = new LinkedHashMap<>();
        inputs.put("empty", Map.entry(new byte[0],
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        inputs.put("byte 42", Map.entry(new byte[] {42},
                "684888c0ebb17f374298b65ee2807526c066094c701bcc7ebbe1c1095f494fc1"));
        inputs.put("run 300 of 7", Map.entry(TestData.run(300, (byte) 7),
                "d677143e1431e8bb62b612cc7bb2c06a5eabe3d673f93a47113f2621aabaf421"));
        inputs.put("ramp 100000", Map.entry(TestData.ramp(100_000),
                "db8f1d69251d95e2c88268d3c540533cc5182e0e33065a6f3f322f606a574489"));
        inputs.put("text 256 KiB", Map.entry(TestData.text(256 * 1024, 61),
                "5bf6c0b7daf045f32bb24c780ba535b01479e56046387205e67643d7de066de8"));
        inputs.put("numeric 64 Ki samples", Map.entry(TestData.numeric(64 * 1024, 62),
                "bc6eb770f52eb751d2d5ff8acbc22fe54aabc1baa5706a58233367f104067903"));
        inputs.put("random 4 KiB", Map.entry(TestData.random(4096, 63),
                "1afb912ea07351b747879347ce7bd768d1f102214112be9c037d7b07a690dcd3"));
        inputs.put("zeros 1 MiB", Map.entry(new byte[1 << 20],
                "30e14955ebf1352266dc2ff8067e68104607e750abb9d3b36582b8af909fcb58"));
        return inputs;
    }

    private byte[] roundTrip(byte[] data) {
        CompressionEngine engine = engine();
        byte[] compressed = engine.compress(data);
        assertTrue(compressed.length <= compressBound(data.length),
                () -> compressed.length + " bytes exceed the bound " + compressBound(data.length));
        byte[] restored = engine.decompress(compressed);
        assertArrayEquals(data, restored, "round trip changed the data");
        return compressed;
    }

    private static List<byte[]> smallSamples() {
        return List.of(
                new byte[0],
                new byte[] {42},
                TestData.run(300, (byte) 7),
                TestData.ramp(700),
                TestData.text(3000, 1),
                TestData.numeric(500, 2),
                TestData.random(1500, 3));
    }

    @Test
    void emptyInput() {
        roundTrip(new byte[0]);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x01, 0x7F, 0x80, 0xFF})
    void oneByte(int value) {
        roundTrip(new byte[] {(byte) value});
    }

    @ParameterizedTest
    @ValueSource(ints = {254, 255, 256, 1000})
    void runs(int length) {
        for (byte value : new byte[] {0, 'a', (byte) 0xFF}) {
            roundTrip(TestData.run(length, value));
        }
        byte[] mixed = new byte[length * 3];
        System.arraycopy(TestData.run(length, (byte) 1), 0, mixed, 0, length);
        System.arraycopy(TestData.random(length, length), 0, mixed, length, length);
        System.arraycopy(TestData.run(length, (byte) 2), 0, mixed, 2 * length, length);
        roundTrip(mixed);
    }

    @Test
    void allZero16MiB() {
        byte[] zeros = new byte[16 << 20];
        byte[] compressed = roundTrip(zeros);
        assertTrue(compressed.length < zeros.length / 50, "16 MiB of zeros should shrink at least 50x");
    }

    @Test
    void random1MiB() {
        roundTrip(TestData.random(1 << 20, 11));
    }

    @Test
    void textLike() {
        byte[] text = TestData.text(1 << 20, 12);
        roundTrip(text);
    }

    @Test
    void numericSeries() {
        roundTrip(TestData.numeric(256 * 1024, 13));
    }

    @Test
    void ramp() {
        roundTrip(TestData.ramp(100_000));
    }

    @TestFactory
    Stream<DynamicTest> corpusFiles() {
        return Corpus.dynamicTests(file -> Stream.of(DynamicTest.dynamicTest(file.getFileName().toString(),
                () -> roundTrip(read(file)))));
    }

    /** The SHA-256 of each pinned input's output, where the engine runs the codec that wrote the pins. */
    @Test
    void outputsAreThosePinnedForTheCodec() throws IOException {
        Map<String, String> inputs = new LinkedHashMap<>();
        PINNED_INPUTS.forEach((name, input) -> inputs.put(name, sha256(input.getKey())));
        Map<String, String> expectedInputs = new LinkedHashMap<>();
        PINNED_INPUTS.forEach((name, input) -> expectedInputs.put(name, input.getValue()));
        assertEquals(expectedInputs, inputs, "the test data generators changed: the pins no longer say anything");

        String file = "/engine-pins/" + engine().info().id() + ".txt";
        List<String> lines;
        try (var in = CompressionEngineContract.class.getResourceAsStream(file)) {
            assertNotNull(in, "every engine pins its outputs: " + file + " is missing");
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        }
        String pinnedCodec = lines.getFirst().substring("codec ".length());
        Map<String, String> pinned = new LinkedHashMap<>();
        lines.stream().skip(1).forEach(line -> pinned.put(line.substring(65), line.substring(0, 64)));
        String codec = engine().info().codec();
        assumeTrue(codec.equals(pinnedCodec), () -> file + " pins the outputs of " + pinnedCodec + ", this engine runs "
                + codec + ": not checked here");
        Map<String, String> outputs = new LinkedHashMap<>();
        PINNED_INPUTS.forEach((name, input) -> outputs.put(name, sha256(engine().compress(input.getKey()))));
        assertEquals(pinned, outputs, "the engine writes other bytes than " + file + " pins");
    }

    @Test
    void deterministicAcrossFiveRuns() {
        for (byte[] sample : smallSamples()) {
            byte[] first = engine().compress(sample);
            for (int run = 1; run < 5; run++) {
                assertArrayEquals(first, engine().compress(sample), "run " + run + " differs");
            }
        }
    }

    @Test
    void eightThreadsGiveTheSameBytesAsOne() throws Exception {
        List<byte[]> samples = new ArrayList<>(smallSamples());
        samples.add(TestData.text(256 * 1024, 21));
        samples.add(TestData.numeric(64 * 1024, 22));
        List<String> expected = samples.stream().map(s -> hex(engine().compress(s))).toList();

        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    List<String> out = new ArrayList<>();
                    for (int round = 0; round < 3; round++) {
                        for (byte[] s : samples) {
                            byte[] c = engine().compress(s);
                            assertArrayEquals(s, engine().decompress(c));
                            if (round == 0) {
                                out.add(hex(c));
                            }
                        }
                    }
                    return out;
                }));
            }
            start.countDown();
            for (Future<List<String>> r : results) {
                assertEquals(expected, r.get());
            }
        }
    }

    @Test
    void everyTruncationIsACorruptInputError() {
        for (byte[] sample : List.of(TestData.text(2000, 31), TestData.run(1000, (byte) 3), TestData.random(300, 32))) {
            byte[] compressed = engine().compress(sample);
            for (int cut = 0; cut < compressed.length; cut++) {
                byte[] truncated = java.util.Arrays.copyOf(compressed, cut);
                int at = cut;
                assertThrows(CorruptInputException.class, () -> engine().decompress(truncated),
                        () -> "truncation to " + at + " of " + compressed.length + " bytes was accepted");
            }
        }
    }

    @Test
    void byteFlipsGiveATypedErrorOrTheExactOriginal() {
        SplittableRandom rnd = new SplittableRandom(41);
        for (byte[] sample : smallSamples()) {
            byte[] compressed = engine().compress(sample);
            for (int trial = 0; trial < 300 && compressed.length > 0; trial++) {
                byte[] damaged = compressed.clone();
                int at = rnd.nextInt(damaged.length);
                damaged[at] ^= (byte) (1 + rnd.nextInt(255));
                assertTypedErrorOrOriginal(sample, damaged, "flip at " + at);
            }
        }
    }

    @Test
    void arbitraryBytesNeverCrashTheDecoder() {
        SplittableRandom rnd = new SplittableRandom(51);
        byte[] valid = engine().compress(TestData.text(500, 52));
        for (int trial = 0; trial < 2000; trial++) {
            int length = rnd.nextInt(64);
            byte[] garbage = TestData.random(length, trial);
            if (trial % 2 == 0 && length >= 8) {
                System.arraycopy(valid, 0, garbage, 0, 8); // a real header in front of garbage
            }
            try {
                engine().decompress(garbage);
            } catch (CorruptInputException expected) {
                // the only acceptable failure: not an engine failure, which the API answers with a 500
            }
        }
    }

    @Test
    void infoIsPublicMetadataOnly() {
        EngineInfo info = engine().info();
        assertTrue(info.id().matches("[a-z0-9][a-z0-9-]*"), "id must be a plain name: " + info.id());
        List<String> secrets = new ArrayList<>();
        for (Map.Entry<String, String> env : System.getenv().entrySet()) {
            if (env.getValue().length() >= 6) {
                secrets.add(env.getValue());
            }
        }
        for (String key : List.of("user.home", "user.dir", "java.home", "java.io.tmpdir")) {
            secrets.add(System.getProperty(key));
        }
        for (String field : List.of(info.id(), info.version(), info.codec())) {
            assertFalse(field.contains("/") || field.contains("\\"), "info looks like it holds a path: " + field);
            for (String secret : secrets) {
                assertFalse(field.contains(secret), "info field holds an environment or system value: " + field);
            }
        }
        assertEquals(info, engine().info(), "info must be constant");
    }

    @Property(tries = 300)
    void propertyRoundTrip(@ForAll("shaped") byte[] data) {
        roundTrip(data);
    }

    @Property(tries = 200)
    void propertyDeterministic(@ForAll @Size(max = 4096) byte[] data) {
        assertArrayEquals(engine().compress(data), engine().compress(data));
    }

    /** Byte strings with the structure real data has: runs, ramps and noise, spliced together. */
    @Provide
    Arbitrary<byte[]> shaped() {
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        Arbitrary<byte[]> runs = Arbitraries.integers().between(1, 700)
                .flatMap(n -> Arbitraries.bytes().map(b -> TestData.run(n, b)));
        Arbitrary<byte[]> ramps = Arbitraries.integers().between(1, 700).map(TestData::ramp);
        return Arbitraries.oneOf(noise, runs, ramps).list().ofMaxSize(6).map(parts -> {
            int total = parts.stream().mapToInt(p -> p.length).sum();
            byte[] out = new byte[total];
            int at = 0;
            for (byte[] p : parts) {
                System.arraycopy(p, 0, out, at, p.length);
                at += p.length;
            }
            return out;
        });
    }

    private void assertTypedErrorOrOriginal(byte[] original, byte[] input, String what) {
        byte[] out;
        try {
            out = engine().decompress(input);
        } catch (CorruptInputException expected) {
            return;
        } catch (RuntimeException e) {
            fail(what + ": untyped failure " + e, e);
            return;
        }
        assertArrayEquals(original, out, what + ": decoded to different bytes without an error");
    }

    private static String sha256(byte[] b) {
        try {
            return hex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
