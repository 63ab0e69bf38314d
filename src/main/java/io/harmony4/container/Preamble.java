package io.harmony4.container;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The 12 bytes that open a container: the signature and the format version (docs/h4mk.md, "Preamble").
 *
 * @param version the format version; {@link #decode} accepts only the versions this reader knows (1 and 2)
 */
record Preamble(int version) {
    static final int SIZE = H4mk.PREAMBLE_SIZE;

    byte[] encode() {
        return ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN).put(H4mk.SIGNATURE).putInt(version).array();
    }

    /** Parses the first {@link #SIZE} bytes of a file. */
    static Preamble decode(byte[] bytes) {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("a preamble is " + SIZE + " bytes, not " + bytes.length);
        }
        checkSignature(bytes);
        long version = Integer.toUnsignedLong(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)
                .getInt(H4mk.SIGNATURE.length));
        if (version < H4mk.VERSION_1 || version > H4mk.VERSION_3) {
            throw new CorruptContainerException("unknown format version " + version + " (this reader knows "
                    + H4mk.VERSION_1 + " to " + H4mk.VERSION_3 + ")", "file", H4mk.SIGNATURE.length);
        }
        return new Preamble((int) version);
    }

    /**
     * Checks the signature alone, so that a stream reader can name an input that is no container at all before it
     * has read the version.
     */
    static void checkSignature(byte[] bytes) {
        if (!Arrays.equals(bytes, 0, H4mk.SIGNATURE.length, H4mk.SIGNATURE, 0, H4mk.SIGNATURE.length)) {
            throw new CorruptContainerException("bad magic: not an H4MK container", "file", 0);
        }
    }
}
