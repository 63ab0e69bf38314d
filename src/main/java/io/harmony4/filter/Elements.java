package io.harmony4.filter;

/** Elements of 1 to 8 bytes read and written as unsigned little-endian integers, for the reference filters. */
final class Elements {
    private Elements() {}

    /** The element of {@code size} bytes at {@code at}, as an unsigned little-endian integer. */
    static long read(byte[] b, int at, int size) {
        long v = 0;
        for (int k = 0; k < size; k++) {
            v |= (b[at + k] & 0xFFL) << (8 * k);
        }
        return v;
    }

    /** The low {@code size} bytes of {@code v}, little-endian: that is the reduction modulo 2^(8 × size). */
    static void write(byte[] b, int at, int size, long v) {
        for (int k = 0; k < size; k++) {
            b[at + k] = (byte) (v >>> (8 * k));
        }
    }
}
