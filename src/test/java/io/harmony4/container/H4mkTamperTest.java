package io.harmony4.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.harmony4.engine.CompressionException;
import io.harmony4.engine.TestData;
import io.harmony4.engine.TestEngines;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damage behind the CRCs of a version 2 container: an attacker (or a bug) that recomputes every CRC. The promise
 * is "a typed error or the exact original"; the digests keep it where the CRCs no longer can.
 */
class H4mkTamperTest {
    private static final int BLOCK = 1024;
    private static final byte[] CONTENT = TestData.text(4 * BLOCK + 300, 21);

    /**
     * Outcome of one reader on a container damaged at {@code at}: refused as damage (see
     * {@link Tampering#refusesDamageAt}), or decoded to exactly the original. Any other failure is a finding.
     */
    private static boolean detected(ThrowingRead read, byte[] original, byte[] container, int at, String what) {
        try {
            byte[] out = read.run();
            assertArrayEquals(original, out, what + ": a wrong answer instead of a typed error");
            return false;
        } catch (CompressionException e) {
            assertTrue(Tampering.refusesDamageAt(container, at, e), () -> what + ": " + e + " is not corrupt input");
            return true;
        } catch (IOException | RuntimeException e) {
            fail(what + ": " + e + " is not a typed error");
            return true;
        }
    }

    @FunctionalInterface
    private interface ThrowingRead {
        byte[] run() throws IOException;
    }

    private static byte[] stream(byte[] container) throws IOException {
        return Containers.read(container, 2);
    }

    private static byte[] randomAccess(byte[] container, byte[] original) throws IOException {
        return H4mkRandomAccessReader.open(RandomAccessSource.of(container), Containers.ALL, ContainerLimits.DEFAULT)
                .read(0, original.length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "core"})
    void everyFlipBehindARecomputedCrcIsATypedErrorOrTheExactOriginal(String engine) {
        byte[] good = Containers.write(CONTENT, TestEngines.byName(engine), BLOCK, 1);
        int seekAt = H4mkDamageTest.indexOf(good, "SEEK");
        int firstCore = H4mkDamageTest.indexOf(good, "CORE");
        for (int at = firstCore; at < good.length; at++) {
            for (int mask : new int[] {0x01, 0x80}) {
                byte[] bad;
                try {
                    bad = Tampering.flipBehindTheCrc(good, at, mask);
                } catch (IllegalArgumentException framing) {
                    continue; // a chunk's type, length or CRC field: the CRC tests cover those
                }
                boolean byStream = detected(() -> stream(bad), CONTENT, bad, at, "stream reader, flip at " + at);
                boolean byRandom = detected(() -> randomAccess(bad, CONTENT), CONTENT, bad, at,
                        "random access, flip at " + at);
                if (at >= seekAt) {
                    // SEEK and TAIL: offsets, sizes, digests and the root are all bound; nothing there is harmless
                    assertTrue(byStream && byRandom, "a flip at " + at + " in SEEK or TAIL went unnoticed");
                }
                assertEquals(byStream, byRandom, "the readers disagree on a flip at " + at);
            }
        }
        // A recomputed CRC can hide only flips that change no content byte, such as bits of a zstd frame header that
        // the decoder does not need: they decode to the exact original, which detected(...) checks.
    }

    @Test
    void aBlockWhoseContentChangesIsNamedByItsSha256InBothReaders() throws IOException {
        byte[] content = TestData.random(3 * BLOCK, 22); // incompressible: stored raw, every data byte is content
        byte[] good = Containers.write(content, TestEngines.core(), BLOCK, 1);
        int secondCore = H4mkDamageTest.indexOf(Arrays.copyOfRange(good, 0, good.length), "CORE") + 12 + 5 + BLOCK;
        byte[] bad = Tampering.flipBehindTheCrc(good, secondCore + 8 + 5 + 100, 0x40);

        CorruptContainerException e = assertThrows(CorruptContainerException.class, () -> stream(bad));
        assertEquals("CORE", e.chunk());
        assertTrue(e.getMessage().contains("block 1"), e.getMessage());
        H4mkRandomAccessReader reader = H4mkRandomAccessReader.open(RandomAccessSource.of(bad), Containers.ALL,
                ContainerLimits.DEFAULT);
        e = assertThrows(CorruptContainerException.class, () -> reader.read(BLOCK + 50, 10));
        assertTrue(e.getMessage().contains("block 1"), e.getMessage());
        // the other blocks are intact, and a range read of them is verified on its own
        assertArrayEquals(Arrays.copyOfRange(content, 2 * BLOCK, 2 * BLOCK + 10), reader.read(2 * BLOCK, 10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"swapBoth", "duplicate", "drop", "listedDigest"})
    void blocksMovedDuplicatedOrDroppedWithEveryChunkValidAreRefused(String how) throws IOException {
        byte[] good = Containers.write(CONTENT, TestEngines.core(), BLOCK, 1);
        Tampering t = Tampering.of(good);
        byte[] bad = switch (how) {
            case "swapBoth" -> t.swapBlocksAndEntries(0, 1);
            case "duplicate" -> t.duplicateBlock(1);
            case "drop" -> t.dropBlock(2);
            default -> t.flipListedDigest(3, 7);
        };
        // SEEK no longer hashes to the root: even inspect, which decodes nothing, refuses it
        CorruptContainerException e = assertThrows(CorruptContainerException.class,
                () -> ContainerInspector.inspect(new ByteArrayInputStream(bad), ContainerLimits.DEFAULT));
        assertTrue(e.getMessage().contains("content root"), e.getMessage());
        assertThrows(CorruptContainerException.class, () -> stream(bad));
        assertThrows(CorruptContainerException.class, () -> H4mkRandomAccessReader.open(RandomAccessSource.of(bad),
                Containers.ALL, ContainerLimits.DEFAULT));
    }

    @Test
    void blocksSwappedUnderAnUnchangedSeekTableAreRefusedWhenDecoded() throws IOException {
        byte[] bad = Tampering.of(Containers.write(CONTENT, TestEngines.core(), BLOCK, 1)).swapBlocksOnly(0, 1);
        CorruptContainerException e = assertThrows(CorruptContainerException.class, () -> stream(bad));
        assertTrue(e.getMessage().contains("block 0"), e.getMessage());
        assertThrows(CorruptContainerException.class, () -> ContainerInspector.verify(new ByteArrayInputStream(bad),
                Containers.ALL, ContainerLimits.DEFAULT, Containers.POOL, 2));
        H4mkRandomAccessReader reader = H4mkRandomAccessReader.open(RandomAccessSource.of(bad), Containers.ALL,
                ContainerLimits.DEFAULT);
        assertThrows(CorruptContainerException.class, () -> reader.read(10, 10));
    }
}
