package io.harmony4.filter;

/**
 * The reversible 5/3 integer wavelet of lossless JPEG 2000, by lifting (docs/filters.md): for smooth signals of
 * 16- or 32-bit signed integers, whose differences from their neighbours' mean are small. {@link #LEVELS} levels,
 * each on the low band of the one before. Arithmetic wraps modulo 2^(8 × size), and the inverse computes the same
 * predictions from the same values, so every input, overflowing or not, is undone exactly.
 */
public final class IntegerWavelet {
    /** Levels of the transform, fewer when the low band gets shorter than 2 elements. */
    public static final int LEVELS = 3;

    private IntegerWavelet() {}

    public static byte[] apply(byte[] data, int elementSize) {
        int size = Filter.WAVELET_5_3.check(elementSize);
        long[] x = read(data, size);
        long[] tmp = new long[x.length];
        for (int level = 0, length = x.length; level < LEVELS && length >= 2; level++, length = (length + 1) / 2) {
            forward(x, length, tmp, size);
        }
        return write(data, x, size);
    }

    public static byte[] undo(byte[] transformed, int elementSize) {
        int size = Filter.WAVELET_5_3.check(elementSize);
        long[] x = read(transformed, size);
        long[] tmp = new long[x.length];
        int[] lengths = new int[LEVELS];
        int levels = 0;
        for (int length = x.length; levels < LEVELS && length >= 2; levels++, length = (length + 1) / 2) {
            lengths[levels] = length;
        }
        for (int level = levels - 1; level >= 0; level--) {
            inverse(x, lengths[level], tmp, size);
        }
        return write(transformed, x, size);
    }

    /** One level on x[0, n): the low band s to x[0, ceil(n/2)), the high band d after it. */
    private static void forward(long[] x, int n, long[] tmp, int size) {
        int lows = (n + 1) / 2;
        int highs = n / 2;
        for (int i = 0; i < highs; i++) { // predict: d[i] = x[2i+1] - floor((x[2i] + x[2i+2]) / 2)
            long right = 2 * i + 2 < n ? x[2 * i + 2] : x[2 * i]; // x[n] mirrors to x[n-2]
            tmp[lows + i] = wrap(x[2 * i + 1] - Math.floorDiv(x[2 * i] + right, 2), size);
        }
        for (int i = 0; i < lows; i++) { // update: s[i] = x[2i] + floor((d[i-1] + d[i] + 2) / 4)
            tmp[i] = wrap(x[2 * i] + Math.floorDiv(high(tmp, lows, highs, i - 1) + high(tmp, lows, highs, i) + 2, 4),
                    size);
        }
        System.arraycopy(tmp, 0, x, 0, n);
    }

    private static void inverse(long[] x, int n, long[] tmp, int size) {
        int lows = (n + 1) / 2;
        int highs = n / 2;
        for (int i = 0; i < lows; i++) {
            tmp[2 * i] = wrap(x[i] - Math.floorDiv(high(x, lows, highs, i - 1) + high(x, lows, highs, i) + 2, 4), size);
        }
        for (int i = 0; i < highs; i++) {
            long right = 2 * i + 2 < n ? tmp[2 * i + 2] : tmp[2 * i];
            tmp[2 * i + 1] = wrap(x[lows + i] + Math.floorDiv(tmp[2 * i] + right, 2), size);
        }
        System.arraycopy(tmp, 0, x, 0, n);
    }

    /** d[i] of the high band at band[lows, lows + highs), mirrored at both ends: d[-1] = d[0], d[highs] = d[highs-1]. */
    private static long high(long[] band, int lows, int highs, int i) {
        if (highs == 0) {
            return 0;
        }
        return band[lows + Math.max(0, Math.min(highs - 1, i))];
    }

    /** v as a signed integer of {@code size} bytes: the value modulo 2^(8 × size), sign-extended. */
    private static long wrap(long v, int size) {
        int shift = 64 - 8 * size;
        return (v << shift) >> shift;
    }

    private static long[] read(byte[] data, int size) {
        long[] x = new long[data.length / size];
        for (int i = 0; i < x.length; i++) {
            x[i] = wrap(Elements.read(data, i * size, size), size);
        }
        return x;
    }

    /** The elements, little-endian, over a copy of {@code data}, whose tail after the last whole element stays. */
    private static byte[] write(byte[] data, long[] x, int size) {
        byte[] out = data.clone();
        for (int i = 0; i < x.length; i++) {
            Elements.write(out, i * size, size, x[i]);
        }
        return out;
    }
}
