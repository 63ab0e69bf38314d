package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Since ABI 6 the core trains on the samples in the order {@code zstd --train} loads its files (zstd shuffles the file
 * list with a fixed seed), so the same samples make {@code zstd --train}'s dictionary byte for byte, and so the same id.
 * Runs where the {@code zstd} command is (here and in CI), with the same libzstd as the core; skipped elsewhere.
 */
class CoreDictionaryZstdTrainTest {
    private static final Path ZSTD = Path.of("/usr/bin/zstd");

    private static CoreEngine core;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        core = CoreEngine.load(NativeLibs.core(), CoreEngine.DEFAULT_LEVEL);
    }

    @AfterAll
    static void close() {
        core.close();
    }

    @ParameterizedTest(name = "{0} samples, seed {1}, at most {2} bytes")
    @CsvSource({"7, 3, 1024", "300, 1, 4096", "1000, 42, 16384", "2500, 5, 112640"})
    void theSameSamplesGiveZstdTrainsDictionary(int count, long seed, int capacity) throws Exception {
        assumeTrue(Files.isExecutable(ZSTD), "the zstd command is not installed");
        String zstdVersion = run(List.of(ZSTD.toString(), "-V")).trim();
        String coreVersion = core.info().codec();
        assumeTrue(zstdVersion.contains("v" + coreVersion.substring(coreVersion.indexOf(' ') + 1) + ","),
                () -> "the zstd command (" + zstdVersion + ") is not the core's " + coreVersion);
        List<byte[]> samples = Messages.messages(count, seed);

        List<String> command = new ArrayList<>(List.of(ZSTD.toString(), "-q", "--train",
                "--maxdict=" + capacity, "-o", dir.resolve("dict").toString()));
        for (int i = 0; i < samples.size(); i++) {
            // zstd trains on the files in the order given (then shuffled), not sorted by name: the order is the list
            command.add(Files.write(dir.resolve("sample-" + (samples.size() - i)), samples.get(i)).toString());
        }
        run(command);
        byte[] zstds = Files.readAllBytes(dir.resolve("dict"));

        byte[] cores = core.trainDictionary(samples, capacity);
        assertTrue(cores.length > 0 && cores.length <= capacity, cores.length + " bytes");
        assertEquals(zstds.length, cores.length, "size");
        assertArrayEquals(zstds, cores);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "zstd finished");
        assertEquals(0, process.exitValue(), () -> command.getFirst() + " failed: " + out);
        return out;
    }
}
