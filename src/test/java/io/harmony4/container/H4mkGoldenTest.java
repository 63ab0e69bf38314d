package io.harmony4.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.harmony4.engine.CompressionEngine;
import io.harmony4.engine.TestEngines;
import io.harmony4.filter.FilterChain;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Committed containers whose bytes must never change: formats are forever. Version 1 files, written by released
 * versions, must keep decoding and verifying in both readers. Version 2 files are what writers write now: the
 * reference engine's are reproduced byte for byte, and so is the core's wherever the core runs the libzstd that wrote
 * it (zstd's output may change between its releases; decoding may not). {@code -Dh4.golden.write=src/test/resources}
 * writes the version 2 files anew, for a deliberate format version change only.
 */
class H4mkGoldenTest {
    private static final int BLOCK = 1024;
    /** The libzstd whose output v2/core-text.h4mk is. */
    private static final String GOLDEN_CORE_CODEC = "zstd 1.5.4";
    /** The content root of golden/content.txt in 1 KiB blocks, the test vector of docs/h4mk.md. */
    static final String CONTENT_ROOT = "ed0a17508e685df3c083ed17824144aa427885ec9a489c398d6dc93d7d3e4ed8";
    /** Version 3, one file per filter, and the filters they name: the first written by the reference engine. */
    private static final String[][] VERSION_THREE = {{"v3/reference-shuffle4.h4mk", "shuffle:4"},
            {"v3/core-bitshuffle2.h4mk", "bitshuffle:2"}, {"v3/core-delta2.h4mk", "delta:2"},
            {"v3/core-wavelet2.h4mk", "wavelet:2"}, {"v3/core-wavelet2-shuffle2.h4mk", "wavelet:2,shuffle:2"}};

    @Test
    void versionOneContainersStillDecodeAndVerify() throws IOException {
        byte[] content = resource("content.txt");
        String sha256 = HexFormat.of().formatHex(H4mkRoundTripTest.sha256(content));
        for (String name : new String[] {"v1/reference-text.h4mk", "v1/core-text.h4mk"}) {
            byte[] container = resource(name);
            assertArrayEquals(content, Containers.read(container), name);
            assertArrayEquals(content, Containers.read(container, 2), name);
            H4mkRandomAccessReader reader = H4mkRandomAccessReader.open(RandomAccessSource.of(container),
                    Containers.ALL, ContainerLimits.DEFAULT);
            assertEquals(1, reader.version());
            assertFalse(reader.sha256Verified(), "a version 1 range is checked by CRC and engine only");
            assertArrayEquals(content, reader.read(0, content.length));
            ContainerReport report = ContainerInspector.verify(new ByteArrayInputStream(container), Containers.ALL,
                    ContainerLimits.DEFAULT, Containers.POOL, 2);
            assertEquals(1, report.formatVersion());
            assertEquals(sha256, report.sha256());
            assertNull(report.root());
            assertTrue(report.contentVerified());
        }
        assertArrayEquals(new byte[0], Containers.read(resource("v1/reference-empty.h4mk")));
    }

    @Test
    void versionTwoReferenceContainersAreReproducedByteForByte() throws IOException {
        byte[] content = resource("content.txt");
        assertArrayEquals(golden("v2/reference-text.h4mk", Containers.write(content, TestEngines.reference(), BLOCK,
                1)), Containers.write(content, TestEngines.reference(), BLOCK, 2));
        assertArrayEquals(golden("v2/reference-empty.h4mk", Containers.write(new byte[0], TestEngines.reference(),
                BLOCK, 1)), Containers.write(new byte[0], TestEngines.reference(), BLOCK, 1));
        assertArrayEquals(content, Containers.read(resource("v2/reference-text.h4mk")));
    }

    @Test
    void versionTwoCoreContainerDecodesAndNamesItsLibzstd() throws IOException {
        byte[] content = resource("content.txt");
        byte[] golden = golden("v2/core-text.h4mk", Containers.write(content, TestEngines.core(), BLOCK, 2));
        assertArrayEquals(content, Containers.read(golden));
        ContainerReport report = ContainerInspector.inspect(new ByteArrayInputStream(golden),
                ContainerLimits.DEFAULT);
        assertEquals("h4-core", report.codecs().get(0).engineId());
        assertEquals(GOLDEN_CORE_CODEC, report.codecs().get(0).codec());
    }

    @Test
    void versionTwoCoreContainerIsReproducedByItsLibzstd() throws IOException {
        CompressionEngine core = coreThatWroteTheGoldenFiles();
        assertArrayEquals(resource("v2/core-text.h4mk"), Containers.write(resource("content.txt"), core, BLOCK, 2),
                "the core at " + GOLDEN_CORE_CODEC + " writes other bytes");
    }

    /** The root is a property of the content and block size alone: every engine's container carries the same. */
    @Test
    void theContentRootIsTheTestVectorOfTheSpecification() throws IOException {
        byte[] content = resource("content.txt");
        assertEquals(CONTENT_ROOT, HexFormat.of().formatHex(Containers.expectedRoot(content, BLOCK)));
        for (String name : new String[] {"v2/reference-text.h4mk", "v2/core-text.h4mk"}) {
            ContainerReport report = ContainerInspector.inspect(new ByteArrayInputStream(resource(name)),
                    ContainerLimits.DEFAULT);
            assertEquals(2, report.formatVersion());
            assertEquals(CONTENT_ROOT, report.root(), name);
            assertNull(report.sha256());
        }
    }

    /**
     * Version 3: the reference engine's file is reproduced byte for byte (the core's in the next test, for its
     * libzstd); all decode to the committed typed content in both readers and name their filters in inspect.
     */
    @Test
    void versionThreeContainersArePinnedPerFilter() throws IOException {
        byte[] content = golden("series-int16.bin", H4mkFilterTest.series(1500, 1, 11));
        for (String[] file : VERSION_THREE) {
            boolean byCore = file[0].startsWith("v3/core");
            byte[] fresh = Containers.write(content, byCore ? TestEngines.core() : TestEngines.reference(), BLOCK, 1,
                    FilterChain.parse(file[1]));
            byte[] golden = golden(file[0], fresh);
            if (!byCore) {
                assertArrayEquals(golden, fresh, file[0] + " is written otherwise now");
            }
            assertArrayEquals(content, Containers.read(golden), file[0]);
            assertArrayEquals(content, H4mkRandomAccessReader.open(RandomAccessSource.of(golden), Containers.ALL,
                    ContainerLimits.DEFAULT, Containers.POOL).read(0, content.length), file[0]);
            ContainerReport report = ContainerInspector.inspect(new ByteArrayInputStream(golden),
                    ContainerLimits.DEFAULT);
            assertEquals(3, report.formatVersion());
            assertEquals(file[1], report.blocks().get(0).filters(), file[0]);
            assertEquals(HexFormat.of().formatHex(Containers.expectedRoot(content, BLOCK)), report.root());
        }
    }

    @Test
    void versionThreeCoreContainersAreReproducedByTheirLibzstd() throws IOException {
        CompressionEngine core = coreThatWroteTheGoldenFiles();
        byte[] content = resource("series-int16.bin");
        for (String[] file : VERSION_THREE) {
            if (file[0].startsWith("v3/core")) {
                assertArrayEquals(resource(file[0]), Containers.write(content, core, BLOCK, 1,
                        FilterChain.parse(file[1])), file[0] + " is written otherwise now");
            }
        }
    }

    @Test
    void emptyContainerLayoutIsPinned() throws IOException {
        // preamble 12, HEAD 12+4+1+(1+19)+(1+5)+(1+9)+4 = 57, SEEK 12+4 = 16, TAIL 64: the same in both versions
        assertEquals(12 + 57 + 16 + 64, resource("v1/reference-empty.h4mk").length);
        assertEquals(12 + 57 + 16 + 64, resource("v2/reference-empty.h4mk").length);
    }

    /** The core, where it runs the libzstd that wrote the golden files; elsewhere a skip that says so. */
    private static CompressionEngine coreThatWroteTheGoldenFiles() {
        CompressionEngine core = TestEngines.core();
        assumeTrue(core.info().codec().equals(GOLDEN_CORE_CODEC), () -> "the core's golden files are "
                + GOLDEN_CORE_CODEC + "'s output, this core runs " + core.info().codec() + ": not compared here");
        return core;
    }

    private static byte[] golden(String name, byte[] fresh) throws IOException {
        String writeTo = System.getProperty("h4.golden.write");
        if (writeTo != null) {
            Files.createDirectories(Path.of(writeTo, "golden", name).getParent());
            Files.write(Path.of(writeTo, "golden", name), fresh);
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
