package io.harmony4.tool;

import io.harmony4.container.H4mkWriter;
import io.harmony4.engine.CompressionEngine;
import io.harmony4.engine.TestEngines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Containers for the tool's tests, written in memory by the real engines. */
final class ToolContainers {
    private ToolContainers() {}

    static byte[] byReference(byte[] content, int blockSize) {
        return write(content, TestEngines.reference(), blockSize);
    }

    static byte[] byCore(byte[] content, int blockSize) {
        return write(content, TestEngines.core(), blockSize);
    }

    /** The content root (H4MK version 2) of {@code content} in blocks of {@code blockSize}, hex. */
    static String rootHex(byte[] content, int blockSize) {
        return io.harmony4.container.TestContainers.root(content, blockSize);
    }

    static String sha256Hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] write(byte[] content, CompressionEngine engine, int blockSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (H4mkWriter w = new H4mkWriter(out, engine, blockSize, null, 1)) {
            w.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
