package io.harmony4.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.digest.Sha256;
import io.harmony4.engine.CoreEngine;
import io.harmony4.engine.TestData;
import io.harmony4.engine.TestEngines;
import io.harmony4.filter.FilterChain;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CoreBlockTest {
    private static final ContainerHeader HEADER = new ContainerHeader(1024,
            List.of(new ContainerHeader.Codec("some-engine", "1", "x", 0)));

    @Test
    void theBlockHeaderRoundTrips() {
        byte[] data = {1, 2, 3};
        byte[] payload = Containers.concat(CoreBlock.encodeHeader(H4mk.VERSION_2, H4mk.CODEC_RAW, 3,
                FilterChain.NONE), data);
        CoreBlock block = CoreBlock.parse(payload, 0, H4mk.VERSION_2);
        assertEquals(H4mk.CODEC_RAW, block.codec());
        assertEquals(3, block.originalSize());
        assertEquals("raw", block.codecId(HEADER));
        assertArrayEquals(data, block.decode(null, CoreBlock.Check.ENGINE_CHECKSUM));

        CoreBlock wide = CoreBlock.parse(CoreBlock.encodeHeader(H4mk.VERSION_2, 255, -1, FilterChain.NONE), 0,
                H4mk.VERSION_2);
        assertEquals(255, wide.codec());
        assertEquals(0xFFFF_FFFFL, wide.originalSize());
    }

    @Test
    void aPayloadShorterThanTheBlockHeaderIsCorrupt() {
        byte[] cut = java.util.Arrays.copyOf(CoreBlock.encodeHeader(H4mk.VERSION_2, 1, 10, FilterChain.NONE), 4);
        CorruptContainerException e = assertThrows(CorruptContainerException.class, () -> CoreBlock.parse(cut, 300,
                H4mk.VERSION_2));
        assertEquals("CORE", e.chunk());
        assertEquals(308, e.offset());
    }

    @Test
    void aCodecIndexOutsideTheHeadersTableIsCorrupt() {
        CoreBlock block = CoreBlock.parse(Containers.concat(CoreBlock.encodeHeader(H4mk.VERSION_2, 2, 1,
                FilterChain.NONE), new byte[1]), 300, H4mk.VERSION_2);
        CorruptContainerException e = assertThrows(CorruptContainerException.class, () -> block.codecId(HEADER));
        assertTrue(e.getMessage().contains("codec index 2"), e.getMessage());
        assertEquals(308, e.offset());
    }

    @Test
    void aVersion3BlockHeaderCarriesItsFiltersAndEarlierVersionsCannot() {
        FilterChain chain = FilterChain.parse("wavelet:2,shuffle:2");
        byte[] header = CoreBlock.encodeHeader(H4mk.VERSION_3, 1, 10, chain);
        assertEquals(H4mk.CORE_HEADER_SIZE + 1 + 2 * 2, header.length);
        CoreBlock block = CoreBlock.parse(Containers.concat(header, new byte[3]), 0, H4mk.VERSION_3);
        assertEquals(chain, block.filters());
        assertEquals(FilterChain.NONE, CoreBlock.parse(Containers.concat(CoreBlock.encodeHeader(H4mk.VERSION_3, 1,
                10, FilterChain.NONE), new byte[3]), 0, H4mk.VERSION_3).filters());
        assertThrows(IllegalArgumentException.class, () -> CoreBlock.encodeHeader(H4mk.VERSION_2, 1, 10, chain));
        // version 3 needs the filter count: 5 bytes are a short header there
        CorruptContainerException e = assertThrows(CorruptContainerException.class, () -> CoreBlock.parse(
                CoreBlock.encodeHeader(H4mk.VERSION_2, 1, 10, FilterChain.NONE), 300, H4mk.VERSION_3));
        assertEquals(308, e.offset());
        // a count of 4 filters whose entries the payload does not hold
        byte[] cut = java.util.Arrays.copyOf(CoreBlock.encodeHeader(H4mk.VERSION_3, 1, 10,
                FilterChain.parse("delta:1,delta:1,delta:1,delta:1")), 9);
        e = assertThrows(CorruptContainerException.class, () -> CoreBlock.parse(cut, 300, H4mk.VERSION_3));
        assertTrue(e.getMessage().startsWith("payload shorter than its block header of 4 filters"), e.getMessage());
    }

    /**
     * A block decoded into direct memory is hashed there and handed over; one that does not decode (a compressed
     * block cut short, a raw block the engine never sees) gives its block of memory back before the exception.
     */
    @Test
    void aBlockDecodedIntoDirectMemoryIsHashedThereAndGivenBackWhenItDoesNotDecode() {
        CoreEngine engine = TestEngines.core();
        byte[] data = TestData.text(10_000, 1);
        byte[] compressed = engine.compress(data);
        CountingBlocks memory = new CountingBlocks();

        CoreBlock whole = CoreBlock.parse(Containers.concat(CoreBlock.encodeHeader(H4mk.VERSION_2, 1, data.length,
                FilterChain.NONE), compressed), 300, H4mk.VERSION_2);
        assertTrue(whole.decodesInto(engine, H4mk.VERSION_2));
        CoreBlock.InDirectMemory<MemorySegment> decoded = whole.decodeInto(engine, memory);
        assertArrayEquals(Sha256.of(data), decoded.sha256());
        assertArrayEquals(data, memory.takeBytes(decoded.block()));

        CoreBlock raw = CoreBlock.parse(Containers.concat(CoreBlock.encodeHeader(H4mk.VERSION_2, H4mk.CODEC_RAW,
                data.length, FilterChain.NONE), data), 300, H4mk.VERSION_2);
        decoded = raw.decodeInto(null, memory);
        assertArrayEquals(Sha256.of(data), decoded.sha256());
        assertArrayEquals(data, memory.takeBytes(decoded.block()));

        CoreBlock cut = CoreBlock.parse(Containers.concat(CoreBlock.encodeHeader(H4mk.VERSION_2, 1, data.length,
                FilterChain.NONE), Arrays.copyOf(compressed, compressed.length / 2)), 300, H4mk.VERSION_2);
        CorruptContainerException e = assertThrows(CorruptContainerException.class,
                () -> cut.decodeInto(engine, memory));
        assertEquals(300, e.offset());
        assertEquals(3, memory.allocated.get());
        assertEquals(Set.of(), memory.out, "the block that did not decode was given back");
    }
}
