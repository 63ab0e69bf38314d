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
        SeekTable.Builder b = new SeekTable.Builder();
        for (SeekTable.Entry e : entries) {
            b.add(e);
        }
        return b.build();
    }

    @Test
    void roundTripsEntriesAtTheirFullWidth() {
        SeekTable.Entry first = new SeekTable.Entry(69, 17, 1);
        SeekTable.Entry second = new SeekTable.Entry(Long.MAX_VALUE, 0xFFFF_FFFFL, 0x8000_0000L);
        byte[] payload = table(first, second).encode();
        assertEquals(SeekTable.payloadSize(2), payload.length);
        SeekTable back = SeekTable.decode(payload, 0);
        assertEquals(2, back.count());
        assertEquals(first, back.entry(0));
        assertEquals(second, back.entry(1));
    }

    @Test
    void anEmptyTableIsItsCountAlone() {
        byte[] payload = table().encode();
        assertArrayEquals(new byte[4], payload);
        assertEquals(0, SeekTable.decode(payload, 0).count());
    }

    @Test
    void aPayloadShorterThanItsCountIsCorrupt() {
        CorruptContainerException e = assertThrows(CorruptContainerException.class,
                () -> SeekTable.decode(new byte[3], 200));
        assertEquals("SEEK", e.chunk());
        assertEquals(208, e.offset());
    }

    @Test
    void aLengthThatDisagreesWithTheCountIsCorrupt() {
        byte[] payload = table(new SeekTable.Entry(69, 100, 10), new SeekTable.Entry(169, 100, 10)).encode();
        for (byte[] bad : new byte[][] {Arrays.copyOf(payload, payload.length - 1),
                Arrays.copyOf(payload, payload.length + 16)}) {
            CorruptContainerException e = assertThrows(CorruptContainerException.class,
                    () -> SeekTable.decode(bad, 200));
            assertEquals("SEEK", e.chunk());
            assertEquals(204, e.offset());
            assertTrue(e.getMessage().contains("seek table of 2 entries is " + bad.length + " bytes"),
                    e.getMessage());
        }
        byte[] hugeCount = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(-1).array();
        assertEquals(0xFFFF_FFFFL, SeekTable.declaredCount(hugeCount, 0));
        assertThrows(CorruptContainerException.class, () -> SeekTable.decode(hugeCount, 0));
    }

    @Test
    void entryOffsetsCountFromTheChunk() {
        assertEquals(100 + 12, SeekTable.entryAt(100, 0));
        assertEquals(100 + 12 + 3 * 16, SeekTable.entryAt(100, 3));
    }

    /** A SEEK whose count is right for the trailer but whose payload is too short: a typed error, not an underflow. */
    @Test
    void randomAccessRefusesASeekShorterThanItsCount() {
        byte[] good = Containers.write(TestData.text(3000, 15), TestEngines.core(), 1000, 1);
        int seekAt = H4mkDamageTest.indexOf(good, "SEEK");
        byte[] payload = Arrays.copyOfRange(good, seekAt + 8, seekAt + 8 + 4 + 3 * 16);
        // the chunk claims 4 + 2 * 16 bytes and its CRC stands there; the rest of the old table fills the gap to TAIL
        byte[] shortSeek = Containers.chunk("SEEK", Arrays.copyOf(payload, 4 + 2 * 16));
        byte[] forged = Containers.concat(Arrays.copyOf(good, seekAt), shortSeek,
                new byte[16], Arrays.copyOfRange(good, good.length - H4mk.TAIL_CHUNK_SIZE, good.length));
        assertEquals(good.length, forged.length);
        CorruptContainerException e = assertThrows(CorruptContainerException.class, () -> H4mkRandomAccessReader
                .open(RandomAccessSource.of(forged), Containers.ALL, ContainerLimits.DEFAULT));
        assertEquals("SEEK", e.chunk());
        assertTrue(e.getMessage().contains("seek table of 3 entries is 36 bytes"), e.getMessage());
    }
}
