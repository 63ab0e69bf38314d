package io.harmony4.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.harmony4.engine.TestEngines;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Committed containers whose bytes must never change: the format is stable. The reference engine is pure Java, so
 * its containers must be reproduced byte for byte; containers made by the core (zstd 1.5.4) must still decode.
 * {@code -Dh4.golden.write=src/test/resources/golden} writes them anew, for a deliberate format version change only.
 */
class H4mkGoldenTest {
    private static final int BLOCK = 1024;

    @Test
    void referenceContainersAreReproducedByteForByte() throws IOException {
        byte[] content = resource("content.txt");
        assertArrayEquals(golden("reference-text.h4mk", Containers.write(content, TestEngines.reference(), BLOCK, 1)),
                Containers.write(content, TestEngines.reference(), BLOCK, 2));
        assertArrayEquals(golden("reference-empty.h4mk", Containers.write(new byte[0], TestEngines.reference(), BLOCK,
                1)), Containers.write(new byte[0], TestEngines.reference(), BLOCK, 1));
    }

    @Test
    void committedContainersDecodeToTheContent() throws IOException {
        byte[] content = resource("content.txt");
        byte[] core = golden("core-text.h4mk", Containers.write(content, TestEngines.core(), BLOCK, 1));
        assertArrayEquals(content, Containers.read(core));
        assertArrayEquals(content, Containers.read(resource("reference-text.h4mk")));
        assertArrayEquals(new byte[0], Containers.read(resource("reference-empty.h4mk")));
        ContainerReport report = ContainerInspector.inspect(new ByteArrayInputStream(core), ContainerLimits.DEFAULT);
        assertEquals("h4-core", report.codecs().get(0).engineId());
        assertEquals(HexFormat.of().formatHex(H4mkRoundTripTest.sha256(content)), report.sha256());
    }

    @Test
    void emptyContainerLayoutIsPinned() throws IOException {
        // preamble 12, HEAD 12+4+1+(1+19)+(1+5)+(1+9)+4 = 57, SEEK 12+4 = 16, TAIL 64
        assertEquals(12 + 57 + 16 + 64, resource("reference-empty.h4mk").length);
    }

    private static byte[] golden(String name, byte[] fresh) throws IOException {
        String writeTo = System.getProperty("h4.golden.write");
        if (writeTo != null) {
            Files.write(Path.of(writeTo, name), fresh);
        }
        return resource(name);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = H4mkGoldenTest.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource golden/" + name);
            }
            return in.readAllBytes();
        }
    }
}
