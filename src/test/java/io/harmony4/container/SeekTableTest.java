package io.harmony4.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.engine.TestData;
import io.harmony4.engine.TestEngines;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SeekTableTest {
    private static SeekTable table(SeekTable.Entry... entries) {
        SeekTable.Builder b = new SeekTable.Builder(H4mk.VERSION_1);
        for (SeekTable.Entry e : entries) {
            b.add(e);
        }
        return b.build();
    }

    @Test
    void roundTripsEntriesAtTheirFullWidth() {
        SeekTable.Entry first = new SeekTable.Entry(69, 17, 1, null);
        SeekTable.Entry second = new SeekTable.Entry(Long.MAX_VALUE, 0xFFFF_FFFFL, 0x8000_0000L, null);
        byte[] payload = table(first, second).encode();
        assertEquals(SeekTable.payloadSize(2, H4mk.VERSION_1), payload.length);
        SeekTable back = SeekTable.decode(payload, 0, H4mk.VERSION_1);
        assertEquals(2, back.count());
        assertEquals(first, back.entry(0));
        assertEquals(second, back.entry(1));
    }

    @Test
    void anEmptyTableIsItsCountAlone() {
        byte[] payload = table().encode();
        assertArrayEquals(new byte[4], payload);
        assertEquals(0, SeekTable.decode(payload, 0, H4mk.VERSION_1).count());
    }

    @Test
    void aPayloadShorterThanItsCountIsCorrupt() {
        CorruptContainerException e = assertThrows(CorruptContainerException.class,
                () -> SeekTable.decode(new byte[3], 200, H4mk.VERSION_1));
        assertEquals("SEEK", e.chunk());
        assertEquals(208, e.offset());
    }

    @Test
    void aLengthThatDisagreesWithTheCountIsCorrupt() {
        byte[] payload = table(new SeekTable.Entry(69, 100, 10, null), new SeekTable.Entry(169, 100, 10, null)).encode();
        for (byte[] bad : new byte[][] {Arrays.copyOf(payload, payload.length - 1),
                Arrays.copyOf(payload, payload.length + 16)}) {
            CorruptContainerException e = assertThrows(CorruptContainerException.class,
                    () -> SeekTable.decode(bad, 200, H4mk.VERSION_1));
            assertEquals("SEEK", e.chunk());
            assertEquals(204, e.offset());
            assertTrue(e.getMessage().contains("seek table of 2 entries is " + bad.length + " bytes"),
                    e.getMessage());
        }
        byte[] hugeCount = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(-1).array();
        assertEquals(0xFFFF_FFFFL, SeekTable.declaredCount(hugeCount, 0));
        assertThrows(CorruptContainerException.class, () -> SeekTable.decode(hugeCount, 0, H4mk.VERSION_1));
    }

    @Test
    void versionTwoEntriesCarryTheBlocksSha256() {
        byte[] sha = new byte[32];
        Arrays.fill(sha, (byte) 0xA5);
        SeekTable.Builder b = new SeekTable.Builder(H4mk.VERSION_2);
        b.add(new SeekTable.Entry(69, 17, 1, sha));
        byte[] payload = b.build().encode();
        assertEquals(SeekTable.payloadSize(1, H4mk.VERSION_2), payload.length);
        assertEquals(4 + 48, payload.length);
        SeekTable.Entry back = SeekTable.decode(payload, 0, H4mk.VERSION_2).entry(0);
        assertEquals(69, back.chunkOffset());
        assertEquals(17, back.chunkLength());
        assertEquals(1, back.originalSize());
        assertArrayEquals(sha, back.sha256());
        assertEquals(100 + 12 + 48 + 16, SeekTable.sha256At(100, 1));
        // a version 2 payload read as version 1 does not fit its count
        assertThrows(CorruptContainerException.class, () -> SeekTable.decode(payload, 0, H4mk.VERSION_1));
    }

    @Test
    void entryOffsetsCountFromTheChunk() {
        assertEquals(100 + 12, SeekTable.entryAt(100, 0, H4mk.VERSION_1));
        assertEquals(100 + 12 + 3 * 16, SeekTable.entryAt(100, 3, H4mk.VERSION_1));
    }

    /** A SEEK whose count is right for the trailer but whose payload is too short: a typed error, not an underflow. */
    @Test
    void randomAccessRefusesASeekShorterThanItsCount() {
        byte[] good = Containers.write(TestData.text(3000, 15), TestEngines.core(), 1000, 1);
        int seekAt = H4mkDamageTest.indexOf(good, "SEEK");
        byte[] payload = Arrays.copyOfRange(good, seekAt + 8, seekAt + 8 + 4 + 3 * 48);
        // the chunk claims 4 + 2 * 48 bytes and its CRC stands there; the rest of the old table fills the gap to TAIL
        byte[] shortSeek = Containers.chunk("SEEK", Arrays.copyOf(payload, 4 + 2 * 48));
        byte[] forged = Containers.concat(Arrays.copyOf(good, seekAt), shortSeek,
                new byte[48], Arrays.copyOfRange(good, good.length - H4mk.TAIL_CHUNK_SIZE, good.length));
        assertEquals(good.length, forged.length);
        CorruptContainerException e = assertThrows(CorruptContainerException.class, () -> H4mkRandomAccessReader
                .open(RandomAccessSource.of(forged), Containers.ALL, ContainerLimits.DEFAULT));
        assertEquals("SEEK", e.chunk());
        assertTrue(e.getMessage().contains("seek table of 3 entries is 100 bytes"), e.getMessage());
    }
}
