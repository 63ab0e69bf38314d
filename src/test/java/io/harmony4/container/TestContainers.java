package io.harmony4.container;

/** Containers made in the test JVM with the core engine, for tests outside this package. */
public final class TestContainers {
    private TestContainers() {}

    public static byte[] write(byte[] content, int blockSize) {
        return Containers.write(content, io.harmony4.engine.TestEngines.core(), blockSize, 1);
    }

    /** The content root of {@code content} in blocks of {@code blockSize}, hex, computed as docs/h4mk.md says. */
    public static String root(byte[] content, int blockSize) {
        return java.util.HexFormat.of().formatHex(Containers.expectedRoot(content, blockSize));
    }

    /** A committed container of version 1, as released versions wrote them, and the content it holds. */
    public static byte[] versionOneReferenceText() throws java.io.IOException {
        return resource("v1/reference-text.h4mk");
    }

    public static byte[] goldenContent() throws java.io.IOException {
        return resource("content.txt");
    }

    private static byte[] resource(String name) throws java.io.IOException {
        try (java.io.InputStream in = TestContainers.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new java.io.IOException("missing test resource golden/" + name);
            }
            return in.readAllBytes();
        }
    }
}
