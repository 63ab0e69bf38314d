package io.harmony4.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harmony4.container.ContainerInspector;
import io.harmony4.container.ContainerLimits;
import io.harmony4.container.ContainerReport;
import io.harmony4.engine.NativeLibs;
import io.harmony4.engine.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H4mkToolTest {
    private static final int BLOCK = 4096;
    private static final byte[] CONTENT = TestData.text(3 * BLOCK + 100, 7);
    private static final byte[] REFERENCE_CONTAINER = ToolContainers.byReference(CONTENT, BLOCK);

    @TempDir
    Path dir;

    @Test
    void verifiesAGoodContainerAndSummarizesIt() throws IOException {
        ToolRun run = ToolRun.of(List.of("verify", file(REFERENCE_CONTAINER).toString()));

        assertEquals(H4mkTool.PASSED, run.exitCode(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().contains("H4MK version 2"), run.out());
        assertTrue(run.out().contains("blocks     4 of up to 4096 bytes"), run.out());
        assertTrue(run.out().contains("content    " + CONTENT.length + " bytes"), run.out());
        assertTrue(run.out().contains("container  " + REFERENCE_CONTAINER.length + " bytes"), run.out());
        assertTrue(run.out().contains("root       " + ToolContainers.rootHex(CONTENT, BLOCK)), run.out());
        assertTrue(run.out().contains("result     verified"), run.out());
    }

    @Test
    void aVersionOneContainerIsVerifiedByItsWholeContentSha256() throws IOException {
        ToolRun run = ToolRun.of(List.of("verify",
                file(io.harmony4.container.TestContainers.versionOneReferenceText()).toString()));

        assertEquals(H4mkTool.PASSED, run.exitCode(), run.err());
        assertTrue(run.out().contains("H4MK version 1"), run.out());
        assertTrue(run.out().contains("sha-256    " + ToolContainers.sha256Hex(
                io.harmony4.container.TestContainers.goldenContent())), run.out());
    }

    @Test
    void inspectSaysItCheckedTheStructureOnly() throws IOException {
        ToolRun run = ToolRun.of(List.of("inspect", file(REFERENCE_CONTAINER).toString()));

        assertEquals(H4mkTool.PASSED, run.exitCode(), run.err());
        assertTrue(run.out().contains("result     structure only"), run.out());
        assertFalse(run.out().contains("verified"), run.out());
    }

    @Test
    void dashReadsStandardInput() {
        ToolRun run = ToolRun.withStdin(List.of("verify", "-"), REFERENCE_CONTAINER);

        assertEquals(H4mkTool.PASSED, run.exitCode(), run.err());
        assertTrue(run.out().contains("file       standard input"), run.out());
        assertTrue(run.out().contains("result     verified"), run.out());
    }

    @Test
    void aFailureOnStandardInputNamesIt() {
        byte[] truncated = Arrays.copyOf(REFERENCE_CONTAINER, 100);

        ToolRun run = ToolRun.withStdin(List.of("inspect", "-"), truncated);

        assertEquals(H4mkTool.FAILED, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("h4mk: standard input: truncated"), run.err());
    }

    @Test
    void aFlippedByteInABlockFailsWithOneLineNamingTheChunkAndOffset() throws IOException {
        ContainerReport.Block second = blocks(REFERENCE_CONTAINER).get(1);
        byte[] damaged = REFERENCE_CONTAINER.clone();
        damaged[Math.toIntExact(second.offset() + 20)] ^= 0x01;

        for (String command : List.of("verify", "inspect")) {
            ToolRun run = ToolRun.of(List.of(command, file(damaged).toString()));

            assertEquals(H4mkTool.FAILED, run.exitCode(), command + ": " + run.err());
            assertEquals("", run.out());
            assertEquals(1, run.err().lines().count(), run.err());
            assertTrue(run.err().contains("CRC32C mismatch [chunk CORE] (at offset " + second.offset() + ")"),
                    run.err());
        }
    }

    @Test
    void aTruncatedContainerFailsWithOneLineNamingTheChunk() throws IOException {
        byte[] truncated = Arrays.copyOf(REFERENCE_CONTAINER, REFERENCE_CONTAINER.length - 30);

        ToolRun run = ToolRun.of(List.of("verify", file(truncated).toString()));

        assertEquals(H4mkTool.FAILED, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("truncated"), run.err());
        assertTrue(run.err().contains("[chunk TAIL]"), run.err());
    }

    @Test
    void jsonIsTheReportWithItsFields() throws IOException {
        ToolRun run = ToolRun.of(List.of("--json", "verify", file(REFERENCE_CONTAINER).toString()));

        assertEquals(H4mkTool.PASSED, run.exitCode(), run.err());
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertEquals(2, report.get("formatVersion").asInt());
        assertEquals(BLOCK, report.get("blockSize").asInt());
        assertEquals(CONTENT.length, report.get("contentSize").asLong());
        assertEquals(REFERENCE_CONTAINER.length, report.get("containerSize").asLong());
        assertEquals(ToolContainers.rootHex(CONTENT, BLOCK), report.get("root").asText());
        assertTrue(report.get("contentVerified").asBoolean());
        assertEquals("geometric-reference", report.get("codecs").get(0).get("engineId").asText());
        assertEquals(4, report.get("blocks").size());
        assertEquals(List.of("HEAD", "CORE", "CORE", "CORE", "CORE", "SEEK", "TAIL"),
                report.get("chunks").valueStream().map(c -> c.get("type").asText()).toList());
    }

    @Test
    void jsonOfInspectSaysTheContentWasNotVerified() throws IOException {
        ToolRun run = ToolRun.of(List.of("inspect", file(REFERENCE_CONTAINER).toString(), "--json"));

        assertEquals(H4mkTool.PASSED, run.exitCode(), run.err());
        assertFalse(new ObjectMapper().readTree(run.out()).get("contentVerified").asBoolean());
    }

    @Test
    void aCoreContainerVerifiesWithTheCoreFromTheEnvironment() throws IOException {
        Path container = file(ToolContainers.byCore(CONTENT, BLOCK));

        ToolRun run = ToolRun.withCore(List.of("verify", container.toString()), NativeLibs.core().toString());

        assertEquals(H4mkTool.PASSED, run.exitCode(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().contains("h4-core"), run.out());
        assertTrue(run.out().contains("result     verified"), run.out());
    }

    @Test
    void theCoreOptionWinsOverTheEnvironment() throws IOException {
        Path container = file(ToolContainers.byCore(CONTENT, BLOCK));

        ToolRun run = ToolRun.withCore(List.of("verify", "--core", NativeLibs.core().toString(), container.toString()),
                dir.resolve("no-such-core.so").toString());

        assertEquals(H4mkTool.PASSED, run.exitCode(), run.err());
        assertEquals("", run.err());
    }

    @Test
    void aCoreContainerWithoutTheCoreFailsWithTheUnsupportedCodecError() throws IOException {
        Path container = file(ToolContainers.byCore(CONTENT, BLOCK));

        ToolRun run = ToolRun.of(List.of("verify", container.toString()));

        assertEquals(H4mkTool.FAILED, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("was made by engine 'h4-core', which is not available here"), run.err());
        assertTrue(run.err().contains("HARMONY4_CORE_PATH"), run.err());
    }

    @Test
    void aCoreThatCannotLoadIsReportedAndTheReferenceEngineCarriesOn() throws IOException {
        Path missing = dir.resolve("no-such-core.so");

        ToolRun coreMade = ToolRun.withCore(List.of("verify", file(ToolContainers.byCore(CONTENT, BLOCK)).toString()),
                missing.toString());
        ToolRun referenceMade = ToolRun.withCore(List.of("verify", file(REFERENCE_CONTAINER).toString()),
                missing.toString());

        assertEquals(H4mkTool.FAILED, coreMade.exitCode(), coreMade.err());
        List<String> lines = coreMade.err().lines().toList();
        assertEquals(2, lines.size(), coreMade.err());
        assertTrue(lines.get(0).contains("the core at " + missing + " cannot be used (no core library file"),
                lines.get(0));
        assertTrue(lines.get(0).endsWith("continuing with the reference engine only"), lines.get(0));
        assertTrue(lines.get(1).contains("engine 'h4-core', which is not available here"), lines.get(1));

        assertEquals(H4mkTool.PASSED, referenceMade.exitCode(), referenceMade.err());
        assertTrue(referenceMade.err().contains("continuing with the reference engine only"), referenceMade.err());
    }

    @Test
    void aLibraryOfAnotherAbiIsNotUsedAsTheCore() throws IOException {
        Path wrongAbi = NativeLibs.testLibrary("wrong-abi");

        ToolRun run = ToolRun.of(List.of("--core", wrongAbi.toString(), "verify",
                file(ToolContainers.byCore(CONTENT, BLOCK)).toString()));

        assertEquals(H4mkTool.FAILED, run.exitCode(), run.err());
        assertTrue(run.err().lines().findFirst().orElseThrow().contains("the core at " + wrongAbi + " cannot be used"),
                run.err());
    }

    @Test
    void inspectNeedsNoEngineForACoreContainer() throws IOException {
        ToolRun run = ToolRun.of(List.of("inspect", file(ToolContainers.byCore(CONTENT, BLOCK)).toString()));

        assertEquals(H4mkTool.PASSED, run.exitCode(), run.err());
        assertTrue(run.out().contains("h4-core"), run.out());
    }

    @Test
    void usageErrorsExitWithTwoAndPrintUsage() throws IOException {
        String good = file(REFERENCE_CONTAINER).toString();
        List<List<String>> wrong = List.of(
                List.of(),
                List.of("verify"),
                List.of("check", good),
                List.of("verify", good, good),
                List.of("--jsn", "verify", good),
                List.of("verify", good, "--core"),
                List.of("verify", dir.resolve("absent.h4mk").toString()),
                List.of("inspect", dir.toString()));

        for (List<String> args : wrong) {
            ToolRun run = ToolRun.of(args);

            assertEquals(H4mkTool.USAGE, run.exitCode(), args + ": " + run.err());
            assertEquals("", run.out(), args.toString());
            assertTrue(run.err().startsWith("h4mk: "), args + ": " + run.err());
            assertTrue(run.err().contains("usage: h4mk"), args + ": " + run.err());
        }
    }

    @Test
    void aMissingFileIsNamed() {
        Path absent = dir.resolve("absent.h4mk");

        ToolRun run = ToolRun.of(List.of("verify", absent.toString()));

        assertTrue(run.err().startsWith("h4mk: cannot read " + absent + ": no such file"), run.err());
    }

    @Test
    void helpGoesToStandardOutput() {
        ToolRun run = ToolRun.of(List.of("--help"));

        assertEquals(H4mkTool.PASSED, run.exitCode());
        assertTrue(run.out().startsWith("usage: h4mk"), run.out());
    }

    private Path file(byte[] bytes) throws IOException {
        Path f = Files.createTempFile(dir, "container", ".h4mk");
        return Files.write(f, bytes);
    }

    private static List<ContainerReport.Block> blocks(byte[] container) throws IOException {
        return ContainerInspector.inspect(new ByteArrayInputStream(container), ContainerLimits.DEFAULT).blocks();
    }
}
