package io.harmony4.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoreBlockTest {
    private static final ContainerHeader HEADER = new ContainerHeader(1024,
            List.of(new ContainerHeader.Codec("some-engine", "1", "x", 0)));

    @Test
    void theBlockHeaderRoundTrips() {
        byte[] data = {1, 2, 3};
        byte[] payload = Containers.concat(CoreBlock.encodeHeader(H4mk.CODEC_RAW, 3), data);
        CoreBlock block = CoreBlock.parse(payload, 0);
        assertEquals(H4mk.CODEC_RAW, block.codec);
        assertEquals(3, block.originalSize);
        assertEquals("raw", block.codecId(HEADER));
        assertArrayEquals(data, block.decode(null, false));

        CoreBlock wide = CoreBlock.parse(CoreBlock.encodeHeader(255, -1), 0);
        assertEquals(255, wide.codec);
        assertEquals(0xFFFF_FFFFL, wide.originalSize);
    }

    @Test
    void aPayloadShorterThanTheBlockHeaderIsCorrupt() {
        byte[] cut = java.util.Arrays.copyOf(CoreBlock.encodeHeader(1, 10), 4);
        CorruptContainerException e = assertThrows(CorruptContainerException.class, () -> CoreBlock.parse(cut, 300));
        assertEquals("CORE", e.chunk());
        assertEquals(308, e.offset());
    }

    @Test
    void aCodecIndexOutsideTheHeadersTableIsCorrupt() {
        CoreBlock block = CoreBlock.parse(Containers.concat(CoreBlock.encodeHeader(2, 1), new byte[1]), 300);
        CorruptContainerException e = assertThrows(CorruptContainerException.class, () -> block.codecId(HEADER));
        assertTrue(e.getMessage().contains("codec index 2"), e.getMessage());
        assertEquals(308, e.offset());
    }
}
