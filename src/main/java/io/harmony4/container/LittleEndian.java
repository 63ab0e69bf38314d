package io.harmony4.container;

/** The u32 fields of the format, which are little-endian (docs/h4mk.md): to bytes and from them. */
final class LittleEndian {
    private LittleEndian() {}

    /** The four bytes of {@code v}, least significant first. */
    static byte[] encodeInt(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    /** The int stored in {@code b[at, at + 4)}, least significant byte first. */
    static int decodeInt(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
