package io.harmony4.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * Seeded 16-bit token ids, the same bytes on every run: a Zipf-skewed vocabulary of 32,000 (a few ids very common, a
 * long tail), as bench/blosc-baseline.py makes them with numpy ({@code zipf(1.3)}, rank - 1 modulo 32,000, int16
 * little-endian), drawn here in Java so that the dictionary bench needs no Python. The draws are Devroye's rejection
 * method, the one numpy's {@code zipf} uses; the random numbers differ, so the bytes are not numpy's.
 */
final class TokenIds {
    static final int VOCABULARY = 32_000;
    private static final double EXPONENT = 1.3;

    private TokenIds() {}

    /** {@code size} bytes ({@code size / 2} ids). */
    static byte[] zipf(int size) {
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        SplittableRandom random = new SplittableRandom(20261201L);
        while (out.remaining() >= 2) {
            out.putShort((short) ((rank(random) - 1) % VOCABULARY));
        }
        return out.array();
    }

    /** A Zipf rank from 1 up (Devroye, Non-Uniform Random Variate Generation, p. 551). */
    private static long rank(SplittableRandom random) {
        double am1 = EXPONENT - 1;
        double b = Math.pow(2, am1);
        while (true) {
            double u = 1 - random.nextDouble();
            double v = random.nextDouble();
            double x = Math.floor(Math.pow(u, -1 / am1));
            if (x < 1 || x > Long.MAX_VALUE) {
                continue;
            }
            double t = Math.pow(1 + 1 / x, am1);
            if (v * x * (t - 1) / (b - 1) <= t / b) {
                return (long) x;
            }
        }
    }
}
