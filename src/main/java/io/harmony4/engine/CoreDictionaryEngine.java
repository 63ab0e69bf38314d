package io.harmony4.engine;

/**
 * {@link CoreEngine} bound to a {@link CoreDictionary}: the same engine, its checks included (sizes, round trip,
 * checksum again), with the dictionary on every call. Closing it is the dictionary's and the engine's business.
 */
record CoreDictionaryEngine(CoreEngine engine, CoreDictionary dictionary) implements CompressionEngine {
    @Override
    public byte[] compress(byte[] input) {
        return engine.compress(input, dictionary);
    }

    @Override
    public byte[] decompress(byte[] compressed) {
        return engine.decompress(compressed, dictionary);
    }

    @Override
    public EngineInfo info() {
        return engine.info();
    }
}
