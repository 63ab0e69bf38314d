package io.harmony4.engine;

/** One instance of each engine for a test JVM: both are thread-safe, and the core's library loads once. */
public final class TestEngines {
    private static final ReferenceEngine REFERENCE = new ReferenceEngine();
    private static volatile CoreEngine core;

    private TestEngines() {}

    public static ReferenceEngine reference() {
        return REFERENCE;
    }

    public static CoreEngine core() {
        if (core == null) {
            synchronized (TestEngines.class) {
                if (core == null) {
                    core = CoreEngine.load(NativeLibs.core(), CoreEngine.DEFAULT_LEVEL);
                }
            }
        }
        return core;
    }

    public static CompressionEngine byName(String name) {
        return switch (name) {
            case "reference" -> reference();
            case "core" -> core();
            default -> throw new IllegalArgumentException(name);
        };
    }
}
