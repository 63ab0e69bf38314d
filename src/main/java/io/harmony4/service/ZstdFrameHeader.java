package io.harmony4.service;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a zstd frame's header declares (RFC 8878 section 3.1.1.1), read before anything is decoded: the content size,
 * so that a message declaring more than the message limit is refused before memory is set aside for it, and whether
 * the header has the fields every message frame must have, so that a frame without them is refused saying which.
 */
final class ZstdFrameHeader {
    private static final int MAGIC = 0xFD2FB528;
    private static final int[] DICT_ID_BYTES = {0, 1, 2, 4};

    private ZstdFrameHeader() {}

    /** The declared content size; empty when the bytes are no zstd frame, too short, or declare none. */
    static OptionalLong contentSize(byte[] frame) {
        if (!startsAFrame(frame)) {
            return OptionalLong.empty();
        }
        int descriptor = frame[4] & 0xFF;
        int sizeFlag = descriptor >>> 6;
        boolean singleSegment = (descriptor & 0x20) != 0;
        int at = 5 + (singleSegment ? 0 : 1) + DICT_ID_BYTES[descriptor & 3];
        int sizeBytes = switch (sizeFlag) {
            case 0 -> singleSegment ? 1 : 0;
            case 1 -> 2;
            case 2 -> 4;
            default -> 8;
        };
        if (sizeBytes == 0 || frame.length < at + sizeBytes) {
            return OptionalLong.empty();
        }
        long size = le(frame, at, sizeBytes);
        // an 8-byte size above Long.MAX_VALUE is as impossible as any other too large
        return OptionalLong.of(size < 0 ? Long.MAX_VALUE : sizeBytes == 2 ? size + 256 : size);
    }

    /**
     * The field a message frame must have and this header lacks: {@code "content size"} or {@code "content
     * checksum"}; empty when it has both or the bytes are no zstd frame header (the decoder refuses those).
     */
    static Optional<String> missingRequiredField(byte[] frame) {
        if (!startsAFrame(frame)) {
            return Optional.empty();
        }
        int descriptor = frame[4] & 0xFF;
        // no size field: a size flag of 0 without the single-segment flag (which makes that flag mean one byte)
        if ((descriptor & 0xE0) == 0) {
            return Optional.of("content size");
        }
        return (descriptor & 0x04) == 0 ? Optional.of("content checksum") : Optional.empty();
    }

    /** The magic and the frame header descriptor are there. */
    private static boolean startsAFrame(byte[] frame) {
        return frame.length >= 5 && le(frame, 0, 4) == (MAGIC & 0xFFFFFFFFL);
    }

    private static long le(byte[] b, int at, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | (b[at + i] & 0xFF);
        }
        return v;
    }
}
