package io.harmony4.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.harmony4.engine.CorruptInputException;
import io.harmony4.engine.TestData;
import io.harmony4.engine.TestEngines;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every kind of damage a reader must refuse, with what, which chunk and which offset. */
class H4mkDamageTest {
    private static final byte[] CONTENT = TestData.text(2500, 11);

    private static byte[] small(String engine) {
        return Containers.write(CONTENT, TestEngines.byName(engine), 1024, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "core"})
    void everySingleByteFlipIsDetectedByBothReaders(String engine) {
        byte[] good = small(engine);
        for (int at = 0; at < good.length; at++) {
            for (int mask : new int[] {0x01, 0x80, 0xFF}) {
                byte[] bad = good.clone();
                bad[at] ^= (byte) mask;
                bothReadersRefuse(CorruptInputException.class, bad, "a flip at " + at);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference", "core"})
    void everyTruncationIsDetected(String engine) {
        byte[] good = small(engine);
        for (int cut = 0; cut < good.length; cut++) {
            byte[] bad = Arrays.copyOf(good, cut);
            bothReadersRefuse(CorruptContainerException.class, bad, "truncation to " + cut + " bytes");
        }
    }

    /** The stream reader and the random-access reader (reading all of it) both refuse {@code bad} as {@code type}. */
    private static void bothReadersRefuse(Class<? extends CorruptInputException> type, byte[] bad, String damage) {
        assertThrows(type, () -> Containers.read(bad),
                () -> "stream reader accepted " + damage + " or called it other than " + type.getSimpleName());
        assertThrows(type, () -> H4mkRandomAccessReader.open(
                RandomAccessSource.of(bad), Containers.ALL, ContainerLimits.DEFAULT).read(0, CONTENT.length),
                () -> "random-access reader accepted " + damage + " or called it other than " + type.getSimpleName());
    }

    @Test
    void badMagicAndVersionAreNamed() {
        byte[] bad = small("reference");
        bad[1] = 'X';
        CorruptContainerException e = assertThrows(CorruptContainerException.class, () -> Containers.read(bad));
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("bad magic"), e.getMessage());

        byte[] v4 = Containers.concat(Arrays.copyOf(H4mk.SIGNATURE, 8), new byte[] {4, 0, 0, 0});
        e = assertThrows(CorruptContainerException.class, () -> Containers.read(v4));
        assertEquals(8, e.offset());
        assertTrue(e.getMessage().contains("unknown format version 4"), e.getMessage());
    }

    @Test
    void crcMismatchNamesTheChunkAndItsOffset() {
        byte[] good = small("core");
        int coreAt = indexOf(good, "CORE");
        byte[] bad = good.clone();
        bad[coreAt + 20] ^= 1;
        CorruptContainerException e = assertThrows(CorruptContainerException.class, () -> Containers.read(bad));
        assertEquals("CORE", e.chunk());
        assertEquals(coreAt, e.offset());
        assertTrue(e.getMessage().contains("CRC32C mismatch"), e.getMessage());
    }

    @Test
    void dataAfterTheTrailerIsRejected() {
        byte[] bad = Containers.concat(small("core"), new byte[] {0});
        assertThrows(CorruptContainerException.class, () -> Containers.read(bad));
    }

    @Test
    void blockMadeByAnEngineThatIsNotHereNamesIt() {
        byte[] container = small("core");
        UnsupportedCodecException e = assertThrows(UnsupportedCodecException.class, () -> new H4mkInputStream(
                new ByteArrayInputStream(container), EngineSet.of(TestEngines.reference())).readAllBytes());
        assertEquals("h4-core", e.engineId());
    }

    @Test
    void headerBlockSizeAboveTheLimitIsRefusedBeforeAllocation() {
        byte[] head = new ContainerHeader(Integer.MAX_VALUE, java.util.List.of(
                ContainerHeader.Codec.of(TestEngines.reference().info()))).encode();
        byte[] bad = Containers.concat(Containers.preamble(), Containers.chunk("HEAD", head));
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> Containers.read(bad));
        assertEquals("block size", e.limit());
    }

    @Test
    void blockCountAndContentSizeLimitsAreEnforced() throws IOException {
        byte[] container = Containers.write(TestData.text(5000, 12), TestEngines.core(), 1000, 1);
        ContainerLimits fewBlocks = new ContainerLimits(1 << 20, 3, 1 << 30, 0);
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> new H4mkInputStream(
                new ByteArrayInputStream(container), Containers.ALL, fewBlocks, null, 1, H4mkInputStream.Mode.DECODE,
                ContainerVisitor.NONE).readAllBytes());
        assertEquals("block count", e.limit());
        e = assertThrows(LimitExceededException.class, () -> H4mkRandomAccessReader.open(
                RandomAccessSource.of(container), Containers.ALL, fewBlocks));
        assertEquals("block count", e.limit());

        ContainerLimits littleContent = new ContainerLimits(1 << 20, 100, 4000, 0);
        e = assertThrows(LimitExceededException.class, () -> new H4mkInputStream(
                new ByteArrayInputStream(container), Containers.ALL, littleContent, null, 1,
                H4mkInputStream.Mode.DECODE, ContainerVisitor.NONE).readAllBytes());
        assertEquals("content size", e.limit());
    }

    @Test
    void expansionRatioLimitStopsABomb() {
        byte[] zeros = new byte[8 << 20];
        byte[] bomb = Containers.write(zeros, TestEngines.core(), 1 << 20, 1);
        assertTrue(bomb.length < 4096, "8 MiB of zeros should fit in a few KiB, got " + bomb.length);
        ContainerLimits ratio100 = new ContainerLimits(1 << 20, 100, 1L << 40, 100);
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> new H4mkInputStream(
                new ByteArrayInputStream(bomb), Containers.ALL, ratio100, null, 1, H4mkInputStream.Mode.DECODE,
                ContainerVisitor.NONE).readAllBytes());
        assertEquals("expansion ratio", e.limit());
        e = assertThrows(LimitExceededException.class, () -> H4mkRandomAccessReader.open(
                RandomAccessSource.of(bomb), Containers.ALL, ratio100));
        assertEquals("expansion ratio", e.limit());
    }

    @Test
    void hugeChunkLengthIsRefusedBeforeReadingIt() {
        byte[] head = new ContainerHeader(1024, java.util.List.of(
                ContainerHeader.Codec.of(TestEngines.reference().info()))).encode();
        byte[] forged = Containers.concat(Containers.preamble(), Containers.chunk("HEAD", head),
                new byte[] {'C', 'O', 'R', 'E', (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0x7F});
        CorruptContainerException e = assertThrows(CorruptContainerException.class, () -> Containers.read(forged));
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
        assertEquals("CORE", e.chunk());
    }

    @Test
    void seekEntryThatDisagreesWithTheChunksIsRejected() {
        byte[] good = Containers.write(TestData.text(3000, 13), TestEngines.core(), 1000, 1);
        int seekAt = indexOf(good, "SEEK");
        int payloadLength = ByteBuffer.wrap(good, seekAt + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] payload = Arrays.copyOfRange(good, seekAt + 8, seekAt + 8 + payloadLength);
        // second entry points at the first block's chunk
        System.arraycopy(payload, 4, payload, 4 + SeekTable.entrySize(H4mk.VERSION_UNFILTERED), 8);
        byte[] forged = Containers.concat(Arrays.copyOf(good, seekAt), Containers.chunk("SEEK", payload),
                Arrays.copyOfRange(good, seekAt + 12 + payloadLength, good.length));
        CorruptContainerException e = assertThrows(CorruptContainerException.class, () -> Containers.read(forged));
        assertEquals("SEEK", e.chunk());
        assertTrue(e.getMessage().contains("seek entry 1"), e.getMessage());
        e = assertThrows(CorruptContainerException.class, () -> H4mkRandomAccessReader.open(
                RandomAccessSource.of(forged), Containers.ALL, ContainerLimits.DEFAULT));
        assertTrue(e.getMessage().contains("seek entry 1"), e.getMessage());
    }

    @Test
    void unknownCriticalChunkIsAnErrorAndAncillaryIsSkipped() throws IOException {
        byte[] good = Containers.write(TestData.text(3000, 14), TestEngines.core(), 1000, 1);
        int firstCore = indexOf(good, "CORE");
        byte[] critical = Containers.concat(Arrays.copyOf(good, firstCore), Containers.chunk("ZZZZ", new byte[3]),
                Arrays.copyOfRange(good, firstCore, good.length));
        CorruptContainerException e = assertThrows(CorruptContainerException.class, () -> Containers.read(critical));
        assertTrue(e.getMessage().contains("ZZZZ"), e.getMessage());

        // An ancillary chunk moves the blocks, so the writer's seek table no longer matches: move its offsets. The
        // content root covers the blocks' digests and sizes, not where they are, so it stays as it was.
        int seekAt = indexOf(good, "SEEK");
        byte[] note = Containers.chunk("note", "hello".getBytes());
        byte[] withNote = Containers.concat(Arrays.copyOf(good, firstCore), note,
                Arrays.copyOfRange(good, firstCore, seekAt));
        SeekTable table = SeekTable.decode(Arrays.copyOfRange(good, seekAt + 8, good.length - H4mk.TAIL_CHUNK_SIZE
                - 4), seekAt, H4mk.VERSION_UNFILTERED);
        SeekTable.Builder moved = new SeekTable.Builder(H4mk.VERSION_UNFILTERED);
        for (int i = 0; i < table.count(); i++) {
            SeekTable.Entry e1 = table.entry(i);
            moved.add(new SeekTable.Entry(e1.chunkOffset() + note.length, e1.chunkLength(), e1.originalSize(),
                    e1.sha256()));
        }
        Trailer old = Trailer.decode(Arrays.copyOfRange(good, good.length - H4mk.TAIL_CHUNK_SIZE + 8,
                good.length - 4), good.length - H4mk.TAIL_CHUNK_SIZE);
        byte[] tail = new Trailer(3000, 3, withNote.length, old.digest()).encode();
        byte[] rebuilt = Containers.concat(withNote, Containers.chunk("SEEK", moved.build().encode()),
                Containers.chunk("TAIL", tail));
        assertArrayEquals(TestData.text(3000, 14), Containers.read(rebuilt));
    }

    @Test
    void contentThatDoesNotMatchTheShaIsRejected() {
        // A well-formed container whose trailer holds another SHA-256.
        byte[] good = small("reference");
        int tailAt = good.length - H4mk.TAIL_CHUNK_SIZE;
        byte[] tail = Arrays.copyOfRange(good, tailAt + 8, tailAt + 8 + 52);
        tail[30] ^= 1;
        byte[] forged = Containers.concat(Arrays.copyOf(good, tailAt), Containers.chunk("TAIL", tail));
        CorruptContainerException e = assertThrows(CorruptContainerException.class, () -> Containers.read(forged));
        assertEquals("TAIL", e.chunk());
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    }

    static int indexOf(byte[] haystack, String type) {
        byte[] needle = type.getBytes();
        outer:
        for (int i = 12; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        fail(type + " not found");
        return -1;
    }
}
