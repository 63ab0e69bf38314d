package io.harmony4.service;

import io.harmony4.dictionary.DictionaryId;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * RFC 9842 section 5's {@code dcz} ("Dictionary-Compressed Zstandard"): a 40-byte header, then a zstd frame made
 * with the dictionary. The header is a zstd skippable frame (magic {@code 0x184D2A5E}, length 32, both
 * little-endian) holding the dictionary's SHA-256, so that a decoder checks it holds the right dictionary, and
 * zstd decoders that know nothing of it skip it.
 */
final class Dcz {
    /** The fixed first 8 bytes: {@code 5E 2A 4D 18 20 00 00 00}. */
    static final byte[] MAGIC = {0x5E, 0x2A, 0x4D, 0x18, 0x20, 0x00, 0x00, 0x00};
    static final int HEADER_SIZE = MAGIC.length + 32;

    private Dcz() {}

    /** The header for {@code dictionary}, then the frame. */
    static byte[] wrap(DictionaryId dictionary, byte[] frame) {
        byte[] out = new byte[HEADER_SIZE + frame.length];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        System.arraycopy(dictionary.sha256(), 0, out, MAGIC.length, 32);
        System.arraycopy(frame, 0, out, HEADER_SIZE, frame.length);
        return out;
    }

    /** The dictionary a {@code dcz} message names, or empty when the bytes do not start with its header. */
    static Optional<DictionaryId> dictionary(byte[] message) {
        if (message.length < HEADER_SIZE || !Arrays.equals(message, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return Optional.empty();
        }
        return Optional.of(new DictionaryId(HexFormat.of().formatHex(message, MAGIC.length, HEADER_SIZE)));
    }

    /** The zstd frame after the header of a {@code dcz} message. */
    static byte[] frame(byte[] message) {
        return Arrays.copyOfRange(message, HEADER_SIZE, message.length);
    }
}
