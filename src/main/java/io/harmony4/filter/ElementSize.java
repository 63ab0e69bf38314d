package io.harmony4.filter;

/** The element sizes, in bytes, that the filters accept, and elements read and written as little-endian integers. */
final class ElementSize {
    private ElementSize() {}

    /** The shuffles regroup the bytes or bits of elements of 2, 4 or 8 bytes; one byte has nothing to regroup. */
    static int forShuffle(int elementSize) {
        if (elementSize != 2 && elementSize != 4 && elementSize != 8) {
            throw new IllegalArgumentException("element size " + elementSize + " is not 2, 4 or 8 bytes");
        }
        return elementSize;
    }

    /** Delta works on bytes too. */
    static int forDelta(int elementSize) {
        if (elementSize != 1 && elementSize != 2 && elementSize != 4 && elementSize != 8) {
            throw new IllegalArgumentException("element size " + elementSize + " is not 1, 2, 4 or 8 bytes");
        }
        return elementSize;
    }

    /** The wavelet's sums of two elements need a bit more than the element: 16- and 32-bit ones fit in a long. */
    static int forWavelet(int elementSize) {
        if (elementSize != 2 && elementSize != 4) {
            throw new IllegalArgumentException("element size " + elementSize + " is not 2 or 4 bytes");
        }
        return elementSize;
    }

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
