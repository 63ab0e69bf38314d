package io.harmony4.engine;

/** Runs the engine contract against the pure-Java reference engine. */
class ReferenceEngineTest extends CompressionEngineContract {
    private static final ReferenceEngine ENGINE = new ReferenceEngine();

    @Override
    protected CompressionEngine engine() {
        return ENGINE;
    }

    @Override
    protected long compressBound(int inputLength) {
        return inputLength + 14L;
    }
}
