package io.harmony4.engine;

/** The same contract with buffers copied through native memory, the other transfer mode. */
class CoreEngineCopyTest extends CoreEngineTest {
    private static final CoreEngine ENGINE =
            CoreEngine.load(NativeLibs.core(), CoreEngine.DEFAULT_LEVEL, CoreEngine.Transfer.COPY);

    @Override
    protected CompressionEngine engine() {
        return ENGINE;
    }
}
