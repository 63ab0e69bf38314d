package io.harmony4.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.engine.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool as an auditor runs it: a separate JVM on the packaged app's classes ({@code ./mvnw package}), through
 * {@code bin/h4mk} and through the plain {@code java -cp} command docs/offline-check.md gives. Failsafe sets
 * {@code HARMONY4_CORE_PATH} to the core the build made, and the tool's process inherits it.
 */
class OfflineToolIT {
    private static final Path APP = Path.of("target/quarkus-app").toAbsolutePath();
    private static final Path LAUNCHER = Path.of("bin/h4mk").toAbsolutePath();
    private static final String JAVA = ProcessHandle.current().info().command().orElseThrow();
    private static final int BLOCK = 4096;
    private static final byte[] CONTENT = TestData.text(5 * BLOCK + 17, 11);
    /** The summary's lines: anything else on stdout (a Quarkus banner, a log line) means more than the tool ran. */
    private static final String SUMMARY_LINE = "(file|format|codecs|blocks|content|container|root|sha-256|result) +\\S.*";

    @TempDir
    static Path dir;
    private static Path referenceMade;
    private static Path coreMade;

    @BeforeAll
    static void containers() throws IOException {
        assertTrue(Files.isDirectory(APP.resolve("app")) && Files.isDirectory(APP.resolve("lib/main")),
                APP + " is not the packaged app: run ./mvnw package first");
        referenceMade = Files.write(dir.resolve("reference.h4mk"), ToolContainers.byReference(CONTENT, BLOCK));
        coreMade = Files.write(dir.resolve("core.h4mk"), ToolContainers.byCore(CONTENT, BLOCK));
    }

    @Test
    void verifiesAGoodContainerAndEndsByItself() throws Exception {
        Finished run = launcher(Map.of(), "verify", referenceMade.toString());

        assertEquals(H4mkTool.PASSED, run.exitCode(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().lines().allMatch(l -> l.matches(SUMMARY_LINE)), run.out());
        assertTrue(run.out().contains("root       " + ToolContainers.rootHex(CONTENT, BLOCK)), run.out());
        assertTrue(run.out().contains("result     verified"), run.out());
    }

    @Test
    void verifiesACoreContainerWithTheCoreFromTheEnvironment() throws Exception {
        assertTrue(System.getenv(H4mkTool.CORE_PATH_VARIABLE) != null, "failsafe sets HARMONY4_CORE_PATH");

        Finished run = launcher(Map.of(), "verify", coreMade.toString());

        assertEquals(H4mkTool.PASSED, run.exitCode(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().contains("h4-core"), run.out());
    }

    @Test
    void withoutTheCoreACoreContainerFails() throws Exception {
        Finished run = launcher(Map.of(H4mkTool.CORE_PATH_VARIABLE, ""), "verify", coreMade.toString());

        assertEquals(H4mkTool.FAILED, run.exitCode(), run.err());
        assertTrue(run.err().contains("engine 'h4-core', which is not available here"), run.err());
    }

    @Test
    void aDamagedContainerFailsWithOneLine() throws Exception {
        byte[] damaged = Files.readAllBytes(referenceMade);
        damaged[damaged.length / 2] ^= 0x40;
        Path file = Files.write(dir.resolve("damaged.h4mk"), damaged);

        Finished run = launcher(Map.of(), "verify", file.toString());

        assertEquals(H4mkTool.FAILED, run.exitCode(), run.err());
        assertEquals("", run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("CRC32C mismatch [chunk CORE]"), run.err());
    }

    @Test
    void thePlainJavaCommandReadsStandardInput() throws Exception {
        List<String> command = List.of(JAVA, "--enable-native-access=ALL-UNNAMED",
                "-cp", APP.resolve("app") + "/*:" + APP.resolve("lib/main") + "/*",
                H4mkTool.class.getName(), "--json", "inspect", "-");

        Finished run = start(new ProcessBuilder(command).redirectInput(coreMade.toFile()));

        assertEquals(H4mkTool.PASSED, run.exitCode(), run.err());
        assertTrue(run.out().contains("\"contentVerified\" : false"), run.out());
    }

    @Test
    void aWrongCommandLineExitsWithTwo() throws Exception {
        Finished run = launcher(Map.of(), "check", referenceMade.toString());

        assertEquals(H4mkTool.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("usage: h4mk"), run.err());
    }

    private static Finished launcher(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("JAVA", JAVA);
        pb.environment().put("HARMONY4_APP", APP.toString());
        pb.environment().putAll(environment);
        return start(pb);
    }

    private static Finished start(ProcessBuilder pb) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        // a tool that started the HTTP service would serve until stopped; this one must end on its own
        boolean ended = p.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            p.destroyForcibly();
        }
        assertTrue(ended, "the tool did not end by itself: " + Files.readString(err));
        return new Finished(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private record Finished(int exitCode, String out, String err) {}
}
