package io.harmony4.engine;

/**
 * The two sizes a small message's call needs before it reaches the core, read in Java rather than by a downcall each
 * (about 20 ns apiece, a tenth of a 256-byte message's decompression): the content size a zstd frame's header
 * declares, whose layout RFC 8878 section 3.1.1.1 fixes, and libzstd's compress bound, whose formula is its stable
 * API ({@code ZSTD_COMPRESSBOUND} in zstd.h, a macro that compiled callers rely on).
 *
 * <p>Only the frames whose answer is certain are read here: a header the core reads as whole and valid, with a
 * content size below 2^63. For any other bytes {@link #declaredContentSize} gives {@link #ASK_THE_CORE}, and the
 * caller asks the core ({@code h4_decompressed_size}), whose errors name what is wrong; the decode that follows
 * checks the whole frame either way.
 */
final class ZstdFrameSizes {
    /** {@link #declaredContentSize}: not read here. */
    static final long ASK_THE_CORE = -1;

    private static final int FRAME_MAGIC = 0xFD2FB528;
    /** The frame header descriptor's reserved bit, which libzstd refuses when set. */
    private static final int RESERVED_BIT = 0x08;
    /** libzstd's largest window log on 32-bit builds (31 on 64-bit): below it, every build accepts the window. */
    private static final int WINDOW_LOG_MAX_EVERYWHERE = 30;
    private static final int WINDOW_LOG_MIN = 10;
    private static final int[] DICT_ID_BYTES = {0, 1, 2, 4};
    private static final int[] CONTENT_SIZE_BYTES = {0, 2, 4, 8};
    private static final int BLOCK_SIZE_MAX = 128 << 10;

    private ZstdFrameSizes() {
    }

    /**
     * The content size the zstd frame at the start of {@code frame} declares (0..2^63-1), as
     * {@code h4_decompressed_size} reads it; or {@link #ASK_THE_CORE} when these bytes are not such a header (too
     * short, another magic, the reserved bit, a window libzstd may refuse, no size, or one of 2^63 or more). Untrusted:
     * the caller bounds it before allocating.
     */
    static long declaredContentSize(byte[] frame) {
        if (frame.length < 5 || le(frame, 0, 4) != (FRAME_MAGIC & 0xFFFFFFFFL)) {
            return ASK_THE_CORE;
        }
        int descriptor = frame[4] & 0xFF;
        int sizeCode = descriptor >>> 6;
        boolean singleSegment = (descriptor & 0x20) != 0;
        if ((descriptor & RESERVED_BIT) != 0 || (sizeCode == 0 && !singleSegment)) {
            return ASK_THE_CORE;
        }
        // the window descriptor unless single segment, the dictID, then the content size: all within the bytes
        int at = 5 + (singleSegment ? 0 : 1) + DICT_ID_BYTES[descriptor & 3];
        int sizeBytes = sizeCode == 0 ? 1 : CONTENT_SIZE_BYTES[sizeCode];
        if (frame.length < at + sizeBytes
                || (!singleSegment && (frame[5] & 0xFF) >>> 3 > WINDOW_LOG_MAX_EVERYWHERE - WINDOW_LOG_MIN)) {
            return ASK_THE_CORE;
        }
        long size = le(frame, at, sizeBytes) + (sizeCode == 1 ? 256 : 0);
        return size < 0 ? ASK_THE_CORE : size;
    }

    /**
     * libzstd's {@code ZSTD_compressBound} (so {@code h4_compress_bound}) for {@code size} bytes: the largest frame
     * {@code h4_compress} and {@code h4_compress_dict} can make of them.
     */
    static long compressBound(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size " + size + " < 0");
        }
        long margin = size < BLOCK_SIZE_MAX ? (BLOCK_SIZE_MAX - size) >>> 11 : 0;
        return (long) size + (size >>> 8) + margin;
    }

    /** {@code count} bytes at {@code at}, little-endian. */
    private static long le(byte[] b, int at, int count) {
        long value = 0;
        for (int i = count - 1; i >= 0; i--) {
            value = value << 8 | (b[at + i] & 0xFF);
        }
        return value;
    }
}
