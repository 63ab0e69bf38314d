package io.harmony4.filter;

/**
 * Delta (docs/filters.md): each element replaced by its difference from the one before, as unsigned little-endian
 * integers of the element size, modulo 2^(8 × size); the first element stays as it is, and so do the bytes after
 * the last whole element. Element size 1 is byte delta.
 */
public final class Delta {
    private Delta() {}

    public static byte[] apply(byte[] data, int elementSize) {
        int size = Filter.DELTA.check(elementSize);
        byte[] out = data.clone();
        long previous = 0;
        for (int i = 0; i < data.length / size; i++) {
            long value = Elements.read(data, i * size, size);
            Elements.write(out, i * size, size, value - previous);
            previous = value;
        }
        return out;
    }

    public static byte[] undo(byte[] deltas, int elementSize) {
        int size = Filter.DELTA.check(elementSize);
        byte[] out = deltas.clone();
        long value = 0;
        for (int i = 0; i < deltas.length / size; i++) {
            value += Elements.read(deltas, i * size, size);
            Elements.write(out, i * size, size, value);
        }
        return out;
    }
}
