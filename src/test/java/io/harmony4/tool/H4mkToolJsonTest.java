package io.harmony4.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.harmony4.container.H4mkWriter;
import io.harmony4.container.TestContainers;
import io.harmony4.engine.TestData;
import io.harmony4.engine.TestEngines;
import io.harmony4.filter.FilterChain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --json} prints {@code sha256} only where the container has one, version 1, as {@code /v1/verify} and
 * {@code /v1/inspect} do; versions 2 and 3 are identified by their root.
 */
class H4mkToolJsonTest {
    private static final int BLOCK = 4096;
    private static final byte[] CONTENT = TestData.text(3 * BLOCK + 100, 11);

    @TempDir
    Path dir;

    @Test
    void versionTwoAndThreeReportsHaveNoSha256() throws IOException {
        byte[] unfiltered = ToolContainers.byReference(CONTENT, BLOCK);
        byte[] filtered = filtered(CONTENT, FilterChain.parse("shuffle:2"));
        for (String command : List.of("verify", "inspect")) {
            JsonNode v2 = json(command, unfiltered);
            assertEquals(2, v2.get("formatVersion").asInt());
            assertFalse(v2.has("sha256"), v2.toString());
            assertEquals(ToolContainers.rootHex(CONTENT, BLOCK), v2.get("root").asText());

            JsonNode v3 = json(command, filtered);
            assertEquals(3, v3.get("formatVersion").asInt());
            assertFalse(v3.has("sha256"), v3.toString());
            assertTrue(v3.get("root").isTextual(), v3.toString());
        }
    }

    @Test
    void aVersionOneReportHasItsSha256() throws IOException {
        for (String command : List.of("verify", "inspect")) {
            JsonNode v1 = json(command, TestContainers.versionOneReferenceText());
            assertEquals(1, v1.get("formatVersion").asInt());
            assertEquals(ToolContainers.sha256Hex(TestContainers.goldenContent()), v1.get("sha256").asText());
            assertTrue(v1.get("root").isNull(), v1.toString());
        }
    }

    private JsonNode json(String command, byte[] container) throws IOException {
        Path file = Files.write(dir.resolve(command + container.length + ".h4mk"), container);
        ToolRun run = ToolRun.of(List.of("--json", command, file.toString()));
        assertEquals(H4mkTool.PASSED, run.exitCode(), run.err());
        return new ObjectMapper().readTree(run.out());
    }

    private static byte[] filtered(byte[] content, FilterChain filters) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (H4mkWriter w = new H4mkWriter(out, TestEngines.reference(), BLOCK, null, 1, filters)) {
            w.write(content);
        }
        return out.toByteArray();
    }
}
