package io.harmony4.filter;

/** The element sizes, in bytes, that the filters accept. */
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
}
