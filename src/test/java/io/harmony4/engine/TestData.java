package io.harmony4.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded generators of the data shapes the engines must handle; the same seed always gives the same bytes. */
public final class TestData {
    private static final String[] WORDS = {
        "the", "of", "and", "compression", "block", "stream", "harmony", "engine", "verify", "seek",
        "a", "to", "in", "is", "that", "for", "it", "with", "as", "was", "on", "checksum", "deterministic",
    };

    private TestData() {}

    public static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new SplittableRandom(seed).nextBytes(data);
        return data;
    }

    public static byte[] run(int length, byte value) {
        byte[] data = new byte[length];
        Arrays.fill(data, value);
        return data;
    }

    /** English-like words and punctuation drawn with a skewed distribution, as in prose or logs. */
    public static byte[] text(int size, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(size + 32);
        while (sb.length() < size) {
            int w = Math.min(rnd.nextInt(WORDS.length), rnd.nextInt(WORDS.length));
            sb.append(WORDS[w]);
            int r = rnd.nextInt(20);
            sb.append(r == 0 ? ".\n" : r == 1 ? ", " : " ");
        }
        return Arrays.copyOf(sb.toString().getBytes(StandardCharsets.US_ASCII), size);
    }

    /** A little-endian int32 time series: slow drift plus small noise, like sensor samples. */
    public static byte[] numeric(int samples, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        ByteBuffer buf = ByteBuffer.allocate(samples * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        int value = 1_000_000;
        for (int i = 0; i < samples; i++) {
            value += rnd.nextInt(-3, 4);
            buf.putInt(value);
        }
        return buf.array();
    }

    /** A byte ramp: constant deltas, the case delta coding exists for. */
    public static byte[] ramp(int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) i;
        }
        return data;
    }
}
