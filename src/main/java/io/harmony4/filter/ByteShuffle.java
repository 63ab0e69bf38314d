package io.harmony4.filter;

/**
 * Byte shuffle (docs/filters.md): the first byte of every element, then the second byte of every element, and so
 * on, so that bytes of the same significance sit together. Bytes after the last whole element stay as they are.
 */
public final class ByteShuffle {
    private ByteShuffle() {}

    public static byte[] apply(byte[] data, int elementSize) {
        int size = Filter.BYTE_SHUFFLE.check(elementSize);
        int elements = data.length / size;
        byte[] out = data.clone(); // the tail is copied as it is
        for (int i = 0; i < elements; i++) {
            for (int j = 0; j < size; j++) {
                out[j * elements + i] = data[i * size + j];
            }
        }
        return out;
    }

    public static byte[] undo(byte[] shuffled, int elementSize) {
        int size = Filter.BYTE_SHUFFLE.check(elementSize);
        int elements = shuffled.length / size;
        byte[] out = shuffled.clone();
        for (int i = 0; i < elements; i++) {
            for (int j = 0; j < size; j++) {
                out[i * size + j] = shuffled[j * elements + i];
            }
        }
        return out;
    }
}
