package io.harmony4.engine;


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

}
