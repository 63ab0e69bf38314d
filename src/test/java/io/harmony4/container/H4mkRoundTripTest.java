package io.harmony4.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.digest.Sha256;
import io.harmony4.engine.CompressionEngine;
import io.harmony4.engine.Corpus;
import io.harmony4.engine.TestData;
import io.harmony4.engine.TestEngines;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Round trips, determinism and range reads, with both engines. */
class H4mkRoundTripTest {
    private static final int BLOCK = 64 * 1024;

    static List<byte[]> samples() {
        return List.of(new byte[0], new byte[] {1}, TestData.text(BLOCK - 1, 1), TestData.text(BLOCK, 2),
                TestData.text(BLOCK + 1, 3), TestData.random(BLOCK * 3 + BLOCK / 2, 4),
                TestData.numeric(BLOCK, 5), TestData.run(BLOCK * 2, (byte) 9));
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "core"})
    void roundTripsGeneratedData(String name) throws IOException {
        CompressionEngine engine = TestEngines.byName(name);
        for (byte[] sample : samples()) {
            byte[] container = Containers.write(sample, engine, BLOCK, 2);
            assertArrayEquals(sample, Containers.read(container));
            assertArrayEquals(sample, Containers.read(container, 3));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "core"})
    void incompressibleBlocksAreStoredRawAndNeverGrowMuch(String name) throws IOException {
        byte[] random = TestData.random(BLOCK * 2, 6);
        byte[] container = Containers.write(random, TestEngines.byName(name), BLOCK, 1);
        ContainerReport report = ContainerInspector.inspect(new ByteArrayInputStream(container),
                ContainerLimits.DEFAULT);
        assertTrue(report.blocks().stream().allMatch(b -> b.codec().equals("raw")), report.blocks().toString());
        // preamble, HEAD, 2 x (12 + 5) framing, SEEK, TAIL: a fixed overhead, nothing proportional
        assertTrue(container.length - random.length < 300, "overhead " + (container.length - random.length));
    }

    @TestFactory
    Stream<DynamicTest> corpusFilesWithBothEngines() {
        return Corpus.dynamicTests(file -> Stream.of("reference", "core").map(name ->
                DynamicTest.dynamicTest(file.getFileName() + " " + name, () -> {
                    byte[] content = Files.readAllBytes(file);
                    byte[] container = Containers.write(content, TestEngines.byName(name),
                            H4mkWriter.DEFAULT_BLOCK_SIZE, 2);
                    assertArrayEquals(content, Containers.read(container, 2));
                })));
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "core"})
    void sameBytesOverFiveRunsAndAnyParallelism(String name) {
        CompressionEngine engine = TestEngines.byName(name);
        byte[] content = TestData.text(BLOCK * 5 + 123, 7);
        String first = HexFormat.of().formatHex(Containers.write(content, engine, BLOCK, 1));
        for (int run = 0; run < 5; run++) {
            for (int parallelism : new int[] {1, 2, 8}) {
                assertEquals(first, HexFormat.of().formatHex(Containers.write(content, engine, BLOCK, parallelism)),
                        "run " + run + ", parallelism " + parallelism);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "core"})
    void rangeReadsAtBlockEdges(String name) throws IOException {
        int block = 1000;
        byte[] content = TestData.text(block * 4 + 500, 8);
        byte[] container = Containers.write(content, TestEngines.byName(name), block, 1);
        H4mkRandomAccessReader reader = H4mkRandomAccessReader.open(RandomAccessSource.of(container),
                Containers.ALL, ContainerLimits.DEFAULT);
        assertEquals(content.length, reader.contentSize());
        assertEquals(5, reader.blockCount());
        long[] edges = {0, 1, block - 1, block, block + 1, 2L * block - 1, 4L * block, content.length - 1,
            content.length};
        int[] lengths = {0, 1, 2, block - 1, block, block + 1, 2 * block + 1};
        for (long offset : edges) {
            for (int length : lengths) {
                if (offset + length > content.length) {
                    continue;
                }
                byte[] expected = java.util.Arrays.copyOfRange(content, (int) offset, (int) offset + length);
                assertArrayEquals(expected, reader.read(offset, length), "offset " + offset + " length " + length);
            }
        }
        assertArrayEquals(content, reader.read(0, content.length));
        assertArrayEquals(Containers.expectedRoot(content, reader.header().blockSize()), reader.contentRoot());
        assertEquals(null, reader.contentSha256());
        assertTrue(reader.sha256Verified());
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "core"})
    void inspectAndVerifyDescribeTheContainer(String name) throws IOException {
        byte[] content = TestData.text(BLOCK * 2 + 10, 9);
        CompressionEngine engine = TestEngines.byName(name);
        byte[] container = Containers.write(content, engine, BLOCK, 1);
        ContainerReport inspected = ContainerInspector.inspect(new ByteArrayInputStream(container),
                ContainerLimits.DEFAULT);
        ContainerReport verified = ContainerInspector.verify(new ByteArrayInputStream(container), Containers.ALL,
                ContainerLimits.DEFAULT, Containers.POOL, 2);
        assertEquals(content.length, inspected.contentSize());
        assertEquals(container.length, inspected.containerSize());
        assertEquals(3, inspected.blocks().size());
        assertEquals(List.of("HEAD", "CORE", "CORE", "CORE", "SEEK", "TAIL"),
                inspected.chunks().stream().map(ContainerReport.Chunk::type).toList());
        assertEquals(engine.info().id(), inspected.codecs().get(0).engineId());
        assertEquals(HexFormat.of().formatHex(Containers.expectedRoot(content, BLOCK)), inspected.root());
        assertEquals(null, inspected.sha256());
        assertEquals(2, inspected.formatVersion());
        assertEquals(false, inspected.contentVerified());
        assertEquals(true, verified.contentVerified());
        assertEquals(inspected.blocks(), verified.blocks());
    }

    static byte[] sha256(byte[] data) {
        return Sha256.of(data);
    }
}
