package io.harmony4.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PreambleTest {
    @Test
    void encodesTheSignatureAndVersionAndDecodesThemBack() {
        byte[] bytes = new Preamble(H4mk.VERSION_1).encode();
        assertArrayEquals(Containers.preamble(), bytes);
        assertEquals(new Preamble(1), Preamble.decode(bytes));
        assertEquals(new Preamble(2), Preamble.decode(new Preamble(H4mk.VERSION_UNFILTERED).encode()));
    }

    @Test
    void aWrongSignatureIsBadMagicAtOffsetZero() {
        byte[] bytes = new Preamble(H4mk.VERSION_UNFILTERED).encode();
        bytes[7] ^= 0x10;
        CorruptContainerException e = assertThrows(CorruptContainerException.class, () -> Preamble.decode(bytes));
        assertEquals(0, e.offset());
        assertEquals("file", e.chunk());
        assertTrue(e.getMessage().contains("bad magic"), e.getMessage());
    }

    @Test
    void anUnknownVersionIsNamedAtItsOffset() {
        byte[] bytes = new Preamble(0xFFFF_FFFF).encode();
        CorruptContainerException e = assertThrows(CorruptContainerException.class, () -> Preamble.decode(bytes));
        assertEquals(8, e.offset());
        assertTrue(e.getMessage().contains("unknown format version 4294967295"), e.getMessage());
    }
}
