package io.harmony4.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrailerTest {
    /** A digest whose every byte differs, so that a field read from the wrong place shows. */
    private static final byte[] SHA = new byte[32];

    static {
        for (int i = 0; i < SHA.length; i++) {
            SHA[i] = (byte) (i * 7 + 1);
        }
    }

    @Test
    void roundTripsEveryFieldAtItsFullWidth() {
        Trailer t = new Trailer(0x0102_0304_0506_0708L, 0xFFFF_FFFEL, -2, SHA);
        byte[] payload = t.encode();
        assertEquals(Trailer.PAYLOAD_SIZE, payload.length);
        Trailer back = Trailer.decode(payload, 1000);
        assertEquals(t.contentSize(), back.contentSize());
        assertEquals(t.blockCount(), back.blockCount());
        assertEquals(t.seekOffset(), back.seekOffset());
        assertArrayEquals(SHA, back.digest());
    }

    @Test
    void fieldsSitWhereTheFormatSaysAndTheirOffsetsNameThem() {
        byte[] payload = new Trailer(5, 6, 7, SHA).encode();
        assertEquals(5, payload[0]);
        assertEquals(6, payload[8]);
        assertEquals(7, payload[12]);
        assertEquals(SHA[0], payload[20]);
        long chunk = 100;
        assertEquals(chunk + 8, Trailer.contentSizeAt(chunk));
        assertEquals(chunk + 8 + 8, Trailer.blockCountAt(chunk));
        assertEquals(chunk + 8 + 12, Trailer.seekOffsetAt(chunk));
        assertEquals(chunk + 8 + 20, Trailer.digestAt(chunk));
    }

    @Test
    void aPayloadOfAnyOtherLengthIsCorruptAtTheLengthField() {
        for (int length : new int[] {0, 51, 53}) {
            CorruptContainerException e = assertThrows(CorruptContainerException.class,
                    () -> Trailer.decode(new byte[length], 500));
            assertEquals("TAIL", e.chunk());
            assertEquals(504, e.offset());
            assertTrue(e.getMessage().contains("TAIL payload is " + length + " bytes"), e.getMessage());
        }
    }

    @Test
    void theDigestCannotBeChangedFromOutside() {
        byte[] sha = SHA.clone();
        Trailer t = new Trailer(1, 1, 1, sha);
        sha[0] ^= 1;
        t.digest()[1] ^= 1;
        assertArrayEquals(SHA, t.digest());
    }
}
