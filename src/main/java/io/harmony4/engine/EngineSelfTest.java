package io.harmony4.engine;

import java.util.Arrays;

/**
 * A quick check that an engine works on this machine: a round trip of mixed data, determinism, and a damaged input
 * that must give a typed error (or, where the damage is harmless, the exact original).
 * Used at start-up and by the readiness probe.
 */
public final class EngineSelfTest {
    private static final byte[] SAMPLE = sample();

    private EngineSelfTest() {}

    /**
     * @throws CompressionException describing the first check that failed
     */
    public static void run(CompressionEngine engine) {
        byte[] compressed;
        byte[] restored;
        try {
            compressed = engine.compress(SAMPLE);
            restored = engine.decompress(compressed);
        } catch (CompressionException e) {
            throw new CompressionException("self-test round trip failed: " + e.getMessage(), e);
        }
        if (!Arrays.equals(SAMPLE, restored)) {
            throw new CompressionException("self-test round trip returned different bytes");
        }
        if (!Arrays.equals(compressed, engine.compress(SAMPLE))) {
            throw new CompressionException("self-test: compressing twice gave different bytes");
        }
        byte[] damaged = compressed.clone();
        damaged[damaged.length / 2] ^= 0x5A;
        try {
            byte[] out = engine.decompress(damaged);
            if (!Arrays.equals(SAMPLE, out)) {
                throw new CompressionException("self-test: a damaged input decoded to wrong bytes without an error");
            }
        } catch (CorruptInputException expected) {
            // the engine noticed the damage
        }
    }

    /** 64 KiB of text, runs and pseudo-random bytes, so every code path of a codec is touched. */
    private static byte[] sample() {
        byte[] data = new byte[64 * 1024];
        long x = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < data.length; i++) {
            int region = (i / 4096) % 3;
            if (region == 0) {
                data[i] = (byte) "harmony4 compresses, verifies and seeks. ".charAt(i % 41);
            } else if (region == 1) {
                data[i] = (byte) (i / 512);
            } else {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
                data[i] = (byte) x;
            }
        }
        return data;
    }
}
