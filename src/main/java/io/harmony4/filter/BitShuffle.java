package io.harmony4.filter;

import java.util.Arrays;

/**
 * Bit shuffle (docs/filters.md): bit planes. Plane {@code 8 * j + k} holds bit {@code k} (0 the least significant)
 * of byte {@code j} of every element, one bit per element, least significant bit of each output byte first. Only
 * a multiple of 8 elements is transposed, so that every plane is whole bytes; the bytes after those stay as they
 * are.
 */
public final class BitShuffle {
    private BitShuffle() {}

    public static byte[] apply(byte[] data, int elementSize) {
        int size = Filter.BIT_SHUFFLE.check(elementSize);
        int elements = transposed(data.length, size);
        int planeBytes = elements / 8;
        byte[] out = data.clone(); // the untransposed rest is copied as it is
        Arrays.fill(out, 0, elements * size, (byte) 0);
        for (int i = 0; i < elements; i++) {
            for (int j = 0; j < size; j++) {
                int b = data[i * size + j] & 0xFF;
                for (int k = 0; k < 8; k++) {
                    int plane = 8 * j + k;
                    out[plane * planeBytes + i / 8] |= (byte) (((b >>> k) & 1) << (i % 8));
                }
            }
        }
        return out;
    }

    public static byte[] undo(byte[] shuffled, int elementSize) {
        int size = Filter.BIT_SHUFFLE.check(elementSize);
        int elements = transposed(shuffled.length, size);
        int planeBytes = elements / 8;
        byte[] out = shuffled.clone();
        Arrays.fill(out, 0, elements * size, (byte) 0);
        for (int i = 0; i < elements; i++) {
            for (int j = 0; j < size; j++) {
                int b = 0;
                for (int k = 0; k < 8; k++) {
                    int plane = 8 * j + k;
                    b |= ((shuffled[plane * planeBytes + i / 8] >>> (i % 8)) & 1) << k;
                }
                out[i * size + j] = (byte) b;
            }
        }
        return out;
    }

    /** How many elements are transposed: the whole elements, rounded down to a multiple of 8. */
    static int transposed(int length, int elementSize) {
        int elements = length / elementSize;
        return elements - elements % 8;
    }
}
