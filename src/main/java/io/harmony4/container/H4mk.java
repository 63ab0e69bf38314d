package io.harmony4.container;

import io.harmony4.filter.FilterChain;

/** Constants of the H4MK format, versions 1 to 3 (docs/h4mk.md). */
final class H4mk {
    /** {@code 89 'H' '4' 'M' 'K' CR LF SUB}: non-ASCII first byte and line endings catch text-mode damage. */
    static final byte[] SIGNATURE = {(byte) 0x89, 'H', '4', 'M', 'K', 0x0D, 0x0A, 0x1A};
    /** Version 1: the trailer holds the SHA-256 of the whole content. Still read, no longer written. */
    static final int VERSION_1 = 1;
    /** Version 2: SEEK holds each block's SHA-256, the trailer the content root that binds them. Written. */
    static final int VERSION_2 = 2;
    /** Version 3: version 2, and each CORE block header lists the filters its block went through. Written. */
    static final int VERSION_3 = 3;
    /** The version writers write for unfiltered content, which every reader since version 2 reads. */
    static final int VERSION_UNFILTERED = VERSION_2;
    /** The version writers write when they are given filters. */
    static final int VERSION_FILTERED = VERSION_3;
    /** Signature and u32 version. */
    static final int PREAMBLE_SIZE = 12;
    /** type(4) + length(4) before the payload, CRC32C(4) after it. */
    static final int CHUNK_OVERHEAD = 12;

    static final String HEAD = "HEAD";
    static final String CORE = "CORE";
    static final String SEEK = "SEEK";
    static final String TAIL = "TAIL";

    /** CORE payload: codec index u8, original size u32, then (version 3: the filters, then) the data. */
    static final int CORE_HEADER_SIZE = 5;
    /** Version 3: after the codec index and the size, a filter count u8, then an id u8 and element size u8 each. */
    static final int FILTER_ENTRY_SIZE = 2;
    /** Codec index of a block stored as is. */
    static final int CODEC_RAW = 0;
    /** SEEK entry of version 1: chunk offset u64, chunk length u32, original size u32. */
    static final int SEEK_ENTRY_SIZE_V1 = 16;
    /** SEEK entry of version 2: the same, then the SHA-256 of the block's original bytes. */
    static final int SEEK_ENTRY_SIZE_V2 = 16 + 32;
    /** TAIL payload: content size u64, block count u32, SEEK offset u64, SHA-256 (v1: of the content; v2: root). */
    static final int TAIL_PAYLOAD_SIZE = 52;
    static final int TAIL_CHUNK_SIZE = CHUNK_OVERHEAD + TAIL_PAYLOAD_SIZE;
    /** A HEAD holds a few short strings per codec; anything larger is not a HEAD. */
    static final int MAX_HEAD_PAYLOAD = 64 * 1024;

    private H4mk() {}

    /** The shortest CORE block header of a version. */
    static int minCoreHeader(int version) {
        return version >= VERSION_3 ? CORE_HEADER_SIZE + 1 : CORE_HEADER_SIZE;
    }

    /** The longest CORE block header of a version: in version 3, with as many filters as a chain may have. */
    static int maxCoreHeader(int version) {
        return version >= VERSION_3 ? CORE_HEADER_SIZE + 1 + FILTER_ENTRY_SIZE * FilterChain.MAX_STAGES
                : CORE_HEADER_SIZE;
    }

    /** Critical chunks start with an upper-case letter: a reader that does not know one must stop. */
    static boolean isCritical(String type) {
        return type.charAt(0) >= 'A' && type.charAt(0) <= 'Z';
    }

    static boolean isValidType(String type) {
        return type.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
    }
}
