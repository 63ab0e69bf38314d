package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The sizes {@link ZstdFrameSizes} reads in Java are the core's: a content size it reads is the one
 * {@code h4_decompressed_size} answers for the same bytes (any other bytes go to the core), every frame the core makes
 * is read in Java, and the compress bound is {@code h4_compress_bound}'s for every size.
 */
class ZstdFrameSizesTest {
    /** A second handle on the built core, for its size calls; never unloaded (the engines' own stays as it is). */
    private static final CoreLibrary CORE = CoreLibrary.load(NativeLibs.core(), Arena.global());
    private static final byte[] MAGIC = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD};

    /** What the Java reader answers, or "the core's" when it leaves the bytes to the core: then anything goes. */
    private static void sameAsTheCore(byte[] bytes) {
        long java = ZstdFrameSizes.declaredContentSize(bytes);
        if (java != ZstdFrameSizes.ASK_THE_CORE) {
            assertEquals(CORE.decompressedSize(bytes), java, () -> "header " + Arrays.toString(
                    Arrays.copyOf(bytes, Math.min(bytes.length, 18))));
        }
    }

    @Property(tries = 3000)
    void anyHeaderReadInJavaDeclaresWhatTheCoreReads(@ForAll int descriptor, @ForAll @Size(max = 16) byte[] rest) {
        byte[] bytes = new byte[5 + rest.length];
        System.arraycopy(MAGIC, 0, bytes, 0, 4);
        bytes[4] = (byte) descriptor;
        System.arraycopy(rest, 0, bytes, 5, rest.length);
        sameAsTheCore(bytes);
    }

    @Property(tries = 500)
    void anyBytesReadInJavaDeclareWhatTheCoreReads(@ForAll @Size(max = 24) byte[] bytes) {
        sameAsTheCore(bytes);
    }

    /** Content sizes that take each field: one byte (single segment), two (256 added), four, and none at all. */
    @Example
    void everyBitOfAFramesHeaderFlippedIsReadAsTheCoreReadsIt() {
        Random random = new Random(26);
        for (int size : new int[] {0, 1, 255, 256, 300, 65_791, 65_792, 70_000, 1 << 20}) {
            byte[] content = new byte[size];
            random.nextBytes(content);
            byte[] frame = TestEngines.core().compress(content);
            assertEquals(size, ZstdFrameSizes.declaredContentSize(frame), "a frame the core made, " + size + " B");
            for (int at = 0; at < Math.min(frame.length, 18); at++) {
                for (int bit = 0; bit < 8; bit++) {
                    byte[] flipped = frame.clone();
                    flipped[at] ^= (byte) (1 << bit);
                    sameAsTheCore(flipped);
                }
            }
            for (int cut = 0; cut < Math.min(frame.length, 18); cut++) {
                sameAsTheCore(Arrays.copyOf(frame, cut));
            }
        }
    }

    /** Headers with each dictID field, window descriptor and size field, by hand, including the edge values. */
    @Example
    void handMadeHeadersAreReadAsTheCoreReadsThem() {
        byte[][] fields = {
            {0x20, 7}, // single segment, 1-byte size
            {0x21, 9, 7}, {0x22, 9, 9, 7, 0}, {0x23, 1, 2, 3, 4, 7}, // each dictID size
            {(byte) 0x60, 0x10, 0x00}, {(byte) 0x40, 0x00, (byte) 0xFF, (byte) 0xFF}, // 2-byte sizes: + 256
            {(byte) 0x80, (byte) 0xA0, 1, 2, 3, 4}, // window log 30, 4-byte size
            {(byte) 0x80, (byte) 0xA8, 1, 2, 3, 4}, // window log 31: left to the core
            {(byte) 0x80, (byte) 0xF8, 1, 2, 3, 4}, // window log 41: refused by the core
            {(byte) 0xC0, 0, -1, -1, -1, -1, -1, -1, -1, 0x7F}, // 2^63 - 1
            {(byte) 0xC0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0x80}, // 2^63: left to the core
            {(byte) 0xC0, 0, -2, -1, -1, -1, -1, -1, -1, -1}, // libzstd's error marker
            {(byte) 0xC0, 0, -1, -1, -1, -1, -1, -1, -1, -1}, // libzstd's "unknown" marker
            {0x00, 0}, // no size
            {0x28, 7}, // the reserved bit
        };
        for (byte[] field : fields) {
            byte[] header = new byte[4 + field.length];
            System.arraycopy(MAGIC, 0, header, 0, 4);
            System.arraycopy(field, 0, header, 4, field.length);
            sameAsTheCore(header);
        }
        assertEquals(7, ZstdFrameSizes.declaredContentSize(new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0x20, 7}));
        assertEquals(256 + 0x10,
                ZstdFrameSizes.declaredContentSize(new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0x60, 0x10, 0}));
        assertEquals(ZstdFrameSizes.ASK_THE_CORE,
                ZstdFrameSizes.declaredContentSize(new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0x00, 0}));
    }

    @Property(tries = 200)
    void framesMadeWithADictionaryAreReadInJava(@ForAll @Size(max = 20_000) byte[] content) {
        try (CoreDictionary raw = TestEngines.core().rawDictionary("some earlier messages".getBytes())) {
            byte[] frame = TestEngines.core().withDictionary(raw).compress(content);
            assertEquals(content.length, ZstdFrameSizes.declaredContentSize(frame));
        }
    }

    @Example
    void theBoundIsTheCoresForEverySizeUpTo300KiB() {
        for (int size = 0; size <= 300 * 1024; size++) {
            if (CORE.compressBound(size) != ZstdFrameSizes.compressBound(size)) {
                assertEquals(CORE.compressBound(size), ZstdFrameSizes.compressBound(size), "size " + size);
            }
        }
    }

    @Property(tries = 1000)
    void theBoundIsTheCoresForAnySize(@ForAll @IntRange(min = 0) int size) {
        assertEquals(CORE.compressBound(size), ZstdFrameSizes.compressBound(size));
        assertTrue(ZstdFrameSizes.compressBound(size) > size);
        assertNotEquals(0, ZstdFrameSizes.compressBound(Integer.MAX_VALUE));
    }
}
