package io.harmony4.bench;

import io.harmony4.engine.CompressionEngine;

/** A harmony4 engine: its own format records the length, so {@code originalLength} goes unused. */
record EngineCodec(CompressionEngine engine) implements BenchCodec {
    @Override
    public byte[] compress(byte[] input) {
        return engine.compress(input);
    }

    @Override
    public byte[] decompress(byte[] compressed, int originalLength) {
        return engine.decompress(compressed);
    }
}
