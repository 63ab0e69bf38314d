package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Runs the engine contract, unchanged, against the native core with buffers passed in place. */
class CoreEngineTest extends CompressionEngineContract {
    private static final CoreEngine ENGINE = CoreEngine.load(NativeLibs.core(), CoreEngine.DEFAULT_LEVEL);

    @Override
    protected CompressionEngine engine() {
        return ENGINE;
    }

    @Override
    protected long compressBound(int n) {
        // ZSTD_COMPRESSBOUND of zstd.h: n + n/256 + margin for inputs under 128 KiB
        return n + (n >> 8) + (n < (128 << 10) ? ((128 << 10) - n) >> 11 : 0);
    }

    /**
     * Compression writes into arrays its context keeps from call to call (and decodes each frame into another to
     * check it): a frame and its check must not depend on what the context held before, larger or smaller.
     */
    @Test
    void framesDoNotDependOnEarlierCallsOnTheSameContext() {
        byte[] large = TestData.random(1 << 20, 91);
        byte[] small = TestData.text(10_000, 92);
        byte[] smallFrame;
        byte[] largeFrame;
        try (CoreEngine fresh = CoreEngine.load(NativeLibs.core(), CoreEngine.DEFAULT_LEVEL)) {
            smallFrame = fresh.compress(small);
        }
        try (CoreEngine fresh = CoreEngine.load(NativeLibs.core(), CoreEngine.DEFAULT_LEVEL)) {
            largeFrame = fresh.compress(large);
        }
        try (CoreEngine engine = CoreEngine.load(NativeLibs.core(), CoreEngine.DEFAULT_LEVEL)) {
            for (int round = 0; round < 3; round++) {
                assertArrayEquals(largeFrame, engine.compress(large));
                assertArrayEquals(smallFrame, engine.compress(small));
                assertEquals(smallFrame.length, engine.compressedSize(small));
                assertArrayEquals(small, engine.decompress(smallFrame));
            }
        }
    }

    @Test
    void infoComesFromTheCoresOwnDescription() {
        EngineInfo info = ENGINE.info();
        assertEquals("1.0.0", info.version()); // H4_VERSION of native/src/h4core.c
        assertTrue(info.codec().matches("zstd \\d+\\.\\d+\\.\\d+"), info.codec());
    }
}
