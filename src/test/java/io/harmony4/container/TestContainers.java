package io.harmony4.container;

/** Containers made in the test JVM with the core engine, for tests outside this package. */
public final class TestContainers {
    private TestContainers() {}

    public static byte[] write(byte[] content, int blockSize) {
        return Containers.write(content, io.harmony4.engine.TestEngines.core(), blockSize, 1);
    }
}
