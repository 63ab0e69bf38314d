package io.harmony4.engine;

/** The same contract with results written into pooled scratch arrays, the third transfer mode. */
class CoreEnginePooledTest extends CoreEngineTest {
    private static final CoreEngine ENGINE =
            CoreEngine.load(NativeLibs.core(), CoreEngine.DEFAULT_LEVEL, CoreEngine.Transfer.POOLED);

    @Override
    protected CompressionEngine engine() {
        return ENGINE;
    }
}
