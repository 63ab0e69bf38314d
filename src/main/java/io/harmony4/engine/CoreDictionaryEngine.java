package io.harmony4.engine;

/**
 * {@link CoreEngine} bound to a {@link CoreDictionary}: the same engine, its checks included (sizes, round trip,
 * checksum again), with the dictionary on every call. Closing it is the dictionary's and the engine's business.
 */
final class CoreDictionaryEngine implements CompressionEngine {
    private final CoreEngine engine;
    private final CoreDictionary dictionary;

    CoreDictionaryEngine(CoreEngine engine, CoreDictionary dictionary) {
        this.engine = engine;
        this.dictionary = dictionary;
    }

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
