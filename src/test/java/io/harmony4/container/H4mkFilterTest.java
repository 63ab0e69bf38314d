package io.harmony4.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.harmony4.engine.CompressionEngine;
import io.harmony4.engine.CompressionException;
import io.harmony4.engine.TestData;
import io.harmony4.engine.TestEngines;
import io.harmony4.filter.FilterChain;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Version 3: blocks that went through filters before their engine (docs/h4mk.md, "Version 3"). Every filter and
 * element size round-trips through both engines and both readers; the content root does not depend on the
 * filters; damaged filter metadata is a typed error, never a wrong answer.
 */
class H4mkFilterTest {
    private static final int BLOCK = 4096;
    private static final List<String> CHAINS = List.of("shuffle:2", "shuffle:4", "shuffle:8", "bitshuffle:2",
            "bitshuffle:4", "bitshuffle:8", "delta:1", "delta:2", "delta:4", "delta:8", "wavelet:2", "wavelet:4",
            "wavelet:2,shuffle:2", "delta:4,bitshuffle:4,shuffle:2,delta:1");

    /** A smooth 16-bit series with a little noise, in integers only (no platform-dependent maths): typed data. */
    static byte[] series(int samples, int extraBytes, long seed) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        ByteBuffer buf = ByteBuffer.allocate(samples * 2 + extraBytes).order(ByteOrder.LITTLE_ENDIAN);
        int value = 0;
        int slope = 3;
        for (int i = 0; i < samples; i++) {
            if (i % 500 == 0) {
                slope = -slope;
            }
            value += slope + rnd.nextInt(-2, 3);
            buf.putShort((short) value);
        }
        for (int i = 0; i < extraBytes; i++) {
            buf.put((byte) i);
        }
        return buf.array();
    }

    private static List<byte[]> contents() {
        return List.of(new byte[0], new byte[] {7}, series(3 * BLOCK / 2 + 100, 3, 1),
                TestData.numeric(3 * BLOCK / 4, 2), TestData.random(BLOCK + 5, 3), TestData.text(2 * BLOCK, 4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "core"})
    void everyFilterRoundTripsThroughBothReaders(String name) throws IOException {
        CompressionEngine engine = TestEngines.byName(name);
        for (String chain : CHAINS) {
            FilterChain filters = FilterChain.parse(chain);
            for (byte[] content : contents()) {
                String what = chain + ", " + content.length + " bytes";
                byte[] container = Containers.write(content, engine, BLOCK, 2, filters);
                assertEquals(3, container[8], what);
                assertArrayEquals(content, Containers.read(container), what);
                assertArrayEquals(content, Containers.read(container, 3), what);
                H4mkRandomAccessReader reader = H4mkRandomAccessReader.open(RandomAccessSource.of(container),
                        Containers.ALL, ContainerLimits.DEFAULT, Containers.POOL);
                assertEquals(3, reader.version());
                assertTrue(reader.sha256Verified());
                assertArrayEquals(content, reader.read(0, content.length), what);
                if (content.length > BLOCK + 10) {
                    assertArrayEquals(Arrays.copyOfRange(content, BLOCK - 7, BLOCK + 9), reader.read(BLOCK - 7, 16));
                }
                // the root is the content's identity, whatever the filters
                assertArrayEquals(Containers.expectedRoot(content, BLOCK), reader.contentRoot(), what);
            }
        }
    }

    @Test
    void inspectShowsWhatEachBlockWentThroughAndRawBlocksGoThroughNothing() throws IOException {
        byte[] content = Containers.concat(series(BLOCK / 2, 0, 5), TestData.random(BLOCK, 6));
        byte[] container = Containers.write(content, TestEngines.core(), BLOCK, 1,
                FilterChain.parse("wavelet:2,shuffle:2"));
        ContainerReport report = ContainerInspector.verify(new ByteArrayInputStream(container), Containers.ALL,
                ContainerLimits.DEFAULT, Containers.POOL, 2);
        assertEquals(3, report.formatVersion());
        assertEquals("h4-core", report.blocks().get(0).codec());
        assertEquals("wavelet:2,shuffle:2", report.blocks().get(0).filters());
        assertEquals("raw", report.blocks().get(1).codec());
        assertEquals("none", report.blocks().get(1).filters());
        assertEquals(HexFormat.of().formatHex(Containers.expectedRoot(content, BLOCK)), report.root());
    }

    @Test
    void withoutFiltersTheWriterStillWritesVersion2() throws IOException {
        byte[] container = Containers.write(series(1000, 0, 7), TestEngines.core(), BLOCK, 1, FilterChain.NONE);
        assertEquals(2, container[8]);
        ContainerReport report = ContainerInspector.inspect(new ByteArrayInputStream(container),
                ContainerLimits.DEFAULT);
        assertEquals("none", report.blocks().get(0).filters());
    }

    /** Filtering pays on typed data: the core's container of the series is smaller with the wavelet than without. */
    @Test
    void aFilterMakesTypedDataSmaller() {
        byte[] content = series(50_000, 0, 8);
        int plain = Containers.write(content, TestEngines.core(), 64 * 1024, 1).length;
        int filtered = Containers.write(content, TestEngines.core(), 64 * 1024, 1,
                FilterChain.parse("wavelet:2,shuffle:2")).length;
        assertTrue(filtered < plain, filtered + " bytes filtered, " + plain + " without");
    }

    /** auto chooses from the block's bytes alone: the same container at any parallelism, filters only where they pay. */
    @Test
    void autoIsDeterministicKeepsTextUnfilteredAndFiltersTypedData() throws IOException {
        byte[] typed = series(64 * 1024, 0, 12); // 128 KiB of 16-bit samples
        byte[] text = TestData.text(128 * 1024, 13);
        byte[] content = Containers.concat(typed, text);
        FilterChoice auto = new FilterChoice.Auto(List.of(2));
        byte[] one = write(content, auto, 1);
        assertArrayEquals(one, write(content, auto, 3));
        assertArrayEquals(content, Containers.read(one, 2));
        ContainerReport report = ContainerInspector.inspect(new ByteArrayInputStream(one), ContainerLimits.DEFAULT);
        assertEquals(3, report.formatVersion());
        assertTrue(report.blocks().get(0).filters().endsWith(":2"), report.blocks().get(0).filters());
        assertEquals("none", report.blocks().get(1).filters());
        assertEquals(HexFormat.of().formatHex(Containers.expectedRoot(content, 128 * 1024)), report.root());
        // auto at every element size finds one for the samples too, and still none for the text
        report = ContainerInspector.inspect(new ByteArrayInputStream(write(content, new FilterChoice.Auto(List.of()),
                1)), ContainerLimits.DEFAULT);
        assertTrue(!report.blocks().get(0).filters().equals("none"));
        assertEquals("none", report.blocks().get(1).filters());
        assertThrows(IllegalArgumentException.class, () -> new FilterChoice.Auto(List.of(3)));
    }

    private static byte[] write(byte[] content, FilterChoice choice, int parallelism) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (H4mkWriter w = new H4mkWriter(out, TestEngines.core(), 128 * 1024, Containers.POOL, parallelism,
                choice)) {
            w.write(content);
        }
        return out.toByteArray();
    }

    /** The filter count, ids and element sizes of the first block, forged behind a recomputed CRC. */
    @ParameterizedTest
    @ValueSource(strings = {"count 5", "unknown id", "element size 3", "wavelet of 8 bytes", "raw with a filter",
            "count beyond the payload"})
    void damagedFilterMetadataIsATypedErrorInEveryReader(String damage) throws IOException {
        boolean raw = damage.equals("raw with a filter");
        byte[] content = raw ? TestData.random(BLOCK, 9) : series(BLOCK / 2, 0, 9);
        byte[] good = Containers.write(content, TestEngines.core(), BLOCK, 1, raw ? FilterChain.parse("delta:2")
                : FilterChain.parse("shuffle:2"));
        int header = H4mkDamageTest.indexOf(good, "CORE") + 8; // the block header: codec, size, count, filters
        byte[] bad = switch (damage) {
            case "count 5" -> set(good, header + 5, 5);
            case "unknown id" -> set(good, header + 6, 9);
            case "element size 3" -> set(good, header + 7, 3);
            case "wavelet of 8 bytes" -> set(set(good, header + 6, 4), header + 7, 8);
            case "raw with a filter" -> set(good, header + 5, 1);
            default -> set(good, header + 5, 4);
        };
        String expected = switch (damage) {
            case "count 5" -> "block lists 5 filters, at most 4";
            case "unknown id" -> "unknown filter id 9";
            case "element size 3" -> "the shuffle filter is not defined for elements of 3 bytes";
            case "wavelet of 8 bytes" -> "the wavelet filter is not defined for elements of 8 bytes";
            case "raw with a filter" -> "a raw block lists filters";
            default -> "unknown filter id 40"; // the 3 entries after the real one are the zstd magic 28 b5 2f fd
        };
        for (ThrowingRead read : List.<ThrowingRead>of(() -> Containers.read(bad),
                () -> H4mkRandomAccessReader.open(RandomAccessSource.of(bad), Containers.ALL,
                        ContainerLimits.DEFAULT, Containers.POOL).read(0, content.length),
                () -> {
                    ContainerInspector.inspect(new ByteArrayInputStream(bad), ContainerLimits.DEFAULT);
                    return null;
                })) {
            CorruptContainerException e = assertThrows(CorruptContainerException.class, read::run, damage);
            assertEquals("CORE", e.chunk());
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "core"})
    void everyFlipBehindARecomputedCrcIsATypedErrorOrTheExactOriginal(String name) {
        byte[] content = series(3 * BLOCK / 4, 1, 10);
        byte[] good = Containers.write(content, TestEngines.byName(name), BLOCK, 1,
                FilterChain.parse("wavelet:2,shuffle:2"));
        int firstCore = H4mkDamageTest.indexOf(good, "CORE");
        for (int at = firstCore; at < good.length; at++) {
            byte[] bad;
            try {
                bad = Tampering.flipBehindTheCrc(good, at, 0x01);
            } catch (IllegalArgumentException framing) {
                continue;
            }
            exactOrRefused(() -> Containers.read(bad), content, bad, at, "stream, flip at " + at);
            exactOrRefused(() -> H4mkRandomAccessReader.open(RandomAccessSource.of(bad), Containers.ALL,
                    ContainerLimits.DEFAULT, Containers.POOL).read(0, content.length), content, bad, at,
                    "random, " + at);
        }
    }

    @FunctionalInterface
    private interface ThrowingRead {
        byte[] run() throws IOException;
    }

    /** The exact original, or refused as damage (see {@link Tampering#refusesDamageAt}); nothing else. */
    private static void exactOrRefused(ThrowingRead read, byte[] original, byte[] container, int at, String what) {
        try {
            assertArrayEquals(original, read.run(), what + ": a wrong answer instead of a typed error");
        } catch (CompressionException e) {
            assertTrue(Tampering.refusesDamageAt(container, at, e), () -> what + ": " + e + " is not corrupt input");
        } catch (IOException | RuntimeException e) {
            fail(what + ": " + e + " is not a typed error");
        }
    }

    /** {@code container} with byte {@code at} set to {@code value} and its chunk's CRC recomputed. */
    private static byte[] set(byte[] container, int at, int value) {
        return Tampering.flipBehindTheCrc(container, at, (container[at] ^ value) & 0xFF);
    }
}
