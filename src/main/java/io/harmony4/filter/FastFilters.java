package io.harmony4.filter;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The filters as a writer and a reader run them: the same bytes as the reference classes ({@link ByteShuffle},
 * {@link BitShuffle}, {@link Delta}, {@link IntegerWavelet}), which stay the plain, auditable definition, but with
 * whole elements read and written as little-endian integers, loops specialised per element size, and bit planes
 * transposed 8 × 8 bits at a time. FiltersTest proves them equal to the reference on random data of every length and
 * element size.
 */
final class FastFilters {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private FastFilters() {}

    static byte[] byteShuffle(byte[] data, int elementSize) {
        int size = Filter.BYTE_SHUFFLE.check(elementSize);
        int m = data.length / size;
        byte[] out = withTail(data, m * size);
        switch (size) {
            case 2 -> {
                for (int i = 0; i < m; i++) {
                    out[i] = data[2 * i];
                    out[m + i] = data[2 * i + 1];
                }
            }
            case 4 -> {
                for (int i = 0; i < m; i++) {
                    int v = (int) INT.get(data, 4 * i);
                    out[i] = (byte) v;
                    out[m + i] = (byte) (v >>> 8);
                    out[2 * m + i] = (byte) (v >>> 16);
                    out[3 * m + i] = (byte) (v >>> 24);
                }
            }
            default -> {
                for (int i = 0; i < m; i++) {
                    long v = (long) LONG.get(data, 8 * i);
                    for (int j = 0; j < 8; j++) {
                        out[j * m + i] = (byte) (v >>> (8 * j));
                    }
                }
            }
        }
        return out;
    }

    static byte[] byteUnshuffle(byte[] shuffled, int elementSize) {
        int size = Filter.BYTE_SHUFFLE.check(elementSize);
        int m = shuffled.length / size;
        byte[] out = withTail(shuffled, m * size);
        switch (size) {
            case 2 -> {
                for (int i = 0; i < m; i++) {
                    out[2 * i] = shuffled[i];
                    out[2 * i + 1] = shuffled[m + i];
                }
            }
            case 4 -> {
                for (int i = 0; i < m; i++) {
                    INT.set(out, 4 * i, (shuffled[i] & 0xFF) | (shuffled[m + i] & 0xFF) << 8
                            | (shuffled[2 * m + i] & 0xFF) << 16 | (shuffled[3 * m + i] & 0xFF) << 24);
                }
            }
            default -> {
                for (int i = 0; i < m; i++) {
                    long v = 0;
                    for (int j = 0; j < 8; j++) {
                        v |= (shuffled[j * m + i] & 0xFFL) << (8 * j);
                    }
                    LONG.set(out, 8 * i, v);
                }
            }
        }
        return out;
    }

    /**
     * Bit shuffle in two passes: the transposed elements byte-shuffled into planes of bytes, then in each byte plane
     * 8 consecutive bytes (element t's byte j, bit k) read as one long, transposed as an 8 × 8 bit matrix, and written
     * as byte {@code g} of bit planes 8j .. 8j+7.
     */
    static byte[] bitShuffle(byte[] data, int elementSize) {
        int size = Filter.BIT_SHUFFLE.check(elementSize);
        int elements = BitShuffle.transposed(data.length, size);
        int planeBytes = elements / 8;
        byte[] bytePlanes = byteShuffle(java.util.Arrays.copyOf(data, elements * size), size);
        byte[] out = data.clone();
        for (int j = 0; j < size; j++) {
            int plane = j * elements;
            int bitPlane = 8 * j * planeBytes;
            for (int g = 0; g < planeBytes; g++) {
                long bits = transpose8x8((long) LONG.get(bytePlanes, plane + 8 * g));
                for (int k = 0; k < 8; k++) {
                    out[bitPlane + k * planeBytes + g] = (byte) (bits >>> (8 * k));
                }
            }
        }
        return out;
    }

    static byte[] bitUnshuffle(byte[] shuffled, int elementSize) {
        int size = Filter.BIT_SHUFFLE.check(elementSize);
        int elements = BitShuffle.transposed(shuffled.length, size);
        int planeBytes = elements / 8;
        byte[] bytePlanes = new byte[elements * size];
        for (int j = 0; j < size; j++) {
            int plane = j * elements;
            int bitPlane = 8 * j * planeBytes;
            for (int g = 0; g < planeBytes; g++) {
                long bits = 0;
                for (int k = 0; k < 8; k++) {
                    bits |= (shuffled[bitPlane + k * planeBytes + g] & 0xFFL) << (8 * k);
                }
                LONG.set(bytePlanes, plane + 8 * g, transpose8x8(bits));
            }
        }
        byte[] out = shuffled.clone();
        System.arraycopy(byteUnshuffle(bytePlanes, size), 0, out, 0, bytePlanes.length);
        return out;
    }

    /** A new array of {@code data}'s length holding only its bytes from {@code from} on: the untransformed tail. */
    private static byte[] withTail(byte[] data, int from) {
        byte[] out = new byte[data.length];
        System.arraycopy(data, from, out, from, data.length - from);
        return out;
    }

    /** Transposes the 8 × 8 bit matrix whose bit {@code 8r + c} is row r, column c (Hacker's Delight, 7-3). */
    static long transpose8x8(long x) {
        long t = (x ^ (x >>> 7)) & 0x00AA00AA00AA00AAL;
        x = x ^ t ^ (t << 7);
        t = (x ^ (x >>> 14)) & 0x0000CCCC0000CCCCL;
        x = x ^ t ^ (t << 14);
        t = (x ^ (x >>> 28)) & 0x00000000F0F0F0F0L;
        return x ^ t ^ (t << 28);
    }

    static byte[] delta(byte[] data, int elementSize) {
        int size = Filter.DELTA.check(elementSize);
        int m = data.length / size;
        byte[] out = withTail(data, m * size);
        switch (size) {
            case 1 -> {
                if (m > 0) {
                    out[0] = data[0];
                }
                for (int i = m - 1; i > 0; i--) {
                    out[i] = (byte) (data[i] - data[i - 1]);
                }
            }
            case 2 -> {
                short previous = 0;
                for (int i = 0; i < m; i++) {
                    short v = (short) SHORT.get(data, 2 * i);
                    SHORT.set(out, 2 * i, (short) (v - previous));
                    previous = v;
                }
            }
            case 4 -> {
                int previous = 0;
                for (int i = 0; i < m; i++) {
                    int v = (int) INT.get(data, 4 * i);
                    INT.set(out, 4 * i, v - previous);
                    previous = v;
                }
            }
            default -> {
                long previous = 0;
                for (int i = 0; i < m; i++) {
                    long v = (long) LONG.get(data, 8 * i);
                    LONG.set(out, 8 * i, v - previous);
                    previous = v;
                }
            }
        }
        return out;
    }

    static byte[] undelta(byte[] deltas, int elementSize) {
        int size = Filter.DELTA.check(elementSize);
        int m = deltas.length / size;
        byte[] out = deltas.clone();
        switch (size) {
            case 1 -> {
                for (int i = 1; i < m; i++) {
                    out[i] = (byte) (out[i] + out[i - 1]);
                }
            }
            case 2 -> {
                short value = 0;
                for (int i = 0; i < m; i++) {
                    value += (short) SHORT.get(deltas, 2 * i);
                    SHORT.set(out, 2 * i, value);
                }
            }
            case 4 -> {
                int value = 0;
                for (int i = 0; i < m; i++) {
                    value += (int) INT.get(deltas, 4 * i);
                    INT.set(out, 4 * i, value);
                }
            }
            default -> {
                long value = 0;
                for (int i = 0; i < m; i++) {
                    value += (long) LONG.get(deltas, 8 * i);
                    LONG.set(out, 8 * i, value);
                }
            }
        }
        return out;
    }

    /**
     * The 5/3 wavelet of {@link IntegerWavelet}: elements read whole, floor division as arithmetic shifts, and the
     * mirrored ends taken out of the loops.
     */
    static byte[] wavelet(byte[] data, int elementSize) {
        int size = Filter.WAVELET_5_3.check(elementSize);
        int[] x = readSigned(data, size);
        int[] tmp = new int[x.length];
        for (int level = 0, n = x.length; level < IntegerWavelet.LEVELS && n >= 2; level++, n = (n + 1) / 2) {
            int lows = (n + 1) / 2;
            int highs = n / 2;
            // predict: d[i] = x[2i+1] - floor((x[2i] + x[2i+2]) / 2); x[n] mirrors to x[n-2] (only when n is even)
            int inner = 2 * highs < n ? highs : highs - 1; // n even: the last d mirrors
            for (int i = 0; i < inner; i++) {
                tmp[lows + i] = wrap(x[2 * i + 1] - (((long) x[2 * i] + x[2 * i + 2]) >> 1), size);
            }
            for (int i = inner; i < highs; i++) {
                long right = 2 * i + 2 < n ? x[2 * i + 2] : x[2 * i];
                tmp[lows + i] = wrap(x[2 * i + 1] - ((x[2 * i] + right) >> 1), size);
            }
            // update: s[i] = x[2i] + floor((d[i-1] + d[i] + 2) / 4), d mirrored at both ends
            update(x, tmp, lows, highs, size);
            System.arraycopy(tmp, 0, x, 0, n);
        }
        return writeElements(data, x, size);
    }

    static byte[] unwavelet(byte[] transformed, int elementSize) {
        int size = Filter.WAVELET_5_3.check(elementSize);
        int[] x = readSigned(transformed, size);
        int[] tmp = new int[x.length];
        int[] lengths = new int[IntegerWavelet.LEVELS];
        int levels = 0;
        for (int n = x.length; levels < IntegerWavelet.LEVELS && n >= 2; levels++, n = (n + 1) / 2) {
            lengths[levels] = n;
        }
        for (int level = levels - 1; level >= 0; level--) {
            int n = lengths[level];
            int lows = (n + 1) / 2;
            int highs = n / 2;
            // even samples first: x[2i] = s[i] - floor((d[i-1] + d[i] + 2) / 4), the high band being in x[lows..]
            for (int i = 0; i < lows; i++) {
                long before = x[lows + Math.max(0, Math.min(highs - 1, i - 1))];
                long at = x[lows + Math.min(highs - 1, i)];
                tmp[2 * i] = wrap(x[i] - ((before + at + 2) >> 2), size);
            }
            int inner = 2 * highs < n ? highs : highs - 1; // n even: the last d mirrors
            for (int i = 0; i < inner; i++) {
                tmp[2 * i + 1] = wrap(x[lows + i] + (((long) tmp[2 * i] + tmp[2 * i + 2]) >> 1), size);
            }
            for (int i = inner; i < highs; i++) {
                long right = 2 * i + 2 < n ? tmp[2 * i + 2] : tmp[2 * i];
                tmp[2 * i + 1] = wrap(x[lows + i] + ((tmp[2 * i] + right) >> 1), size);
            }
            System.arraycopy(tmp, 0, x, 0, n);
        }
        return writeElements(transformed, x, size);
    }

    /**
     * The forward update step: s[i] into tmp[0, lows) from the even samples of x and the high band in tmp (at least
     * one coefficient: a level runs on 2 samples or more).
     */
    private static void update(int[] x, int[] tmp, int lows, int highs, int size) {
        tmp[0] = wrap(x[0] + (((long) tmp[lows] + tmp[lows] + 2) >> 2), size);
        int interior = Math.min(lows, highs);
        for (int i = 1; i < interior; i++) {
            tmp[i] = wrap(x[2 * i] + (((long) tmp[lows + i - 1] + tmp[lows + i] + 2) >> 2), size);
        }
        for (int i = Math.max(1, interior); i < lows; i++) {
            long d = tmp[lows + highs - 1];
            tmp[i] = wrap(x[2 * i] + ((tmp[lows + Math.min(highs - 1, i - 1)] + d + 2) >> 2), size);
        }
    }

    /** v modulo 2^(8 × size), as a signed integer of that size. */
    private static int wrap(long v, int size) {
        return size == 2 ? (short) v : (int) v;
    }

    /** The elements as signed integers: 4 bytes each while the wavelet runs, whatever their size. */
    private static int[] readSigned(byte[] data, int size) {
        int[] x = new int[data.length / size];
        for (int i = 0; i < x.length; i++) {
            x[i] = size == 2 ? (short) SHORT.get(data, 2 * i) : (int) INT.get(data, 4 * i);
        }
        return x;
    }

    private static byte[] writeElements(byte[] data, int[] x, int size) {
        byte[] out = data.clone();
        for (int i = 0; i < x.length; i++) {
            if (size == 2) {
                SHORT.set(out, 2 * i, (short) x[i]);
            } else {
                INT.set(out, 4 * i, (int) x[i]);
            }
        }
        return out;
    }
}
