package io.harmony4.dictionary;

/**
 * The dictID in a zstd-format dictionary's header (RFC 8878, section 5): the magic number 0xEC30A437, then the
 * 4-byte dictID, both little-endian. Any other bytes are a raw content dictionary, which has none (0). A frame made
 * with a dictionary names its dictID, which is why the store keeps dictIDs unique.
 */
final class ZstdDictionaryHeader {
    static final int MAGIC = 0xEC30A437;
    /** The magic and the dictID; shorter bytes are raw content for zstd as well. */
    static final int SIZE = 8;

    private ZstdDictionaryHeader() {}

    /** The dictID, 0..2^32-1; 0 for raw content. */
    static long dictId(byte[] dictionary) {
        if (dictionary.length < SIZE || le32(dictionary, 0) != MAGIC) {
            return 0;
        }
        return Integer.toUnsignedLong(le32(dictionary, 4));
    }

    private static int le32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
