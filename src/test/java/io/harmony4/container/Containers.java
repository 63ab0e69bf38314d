package io.harmony4.container;

import io.harmony4.engine.CompressionEngine;
import io.harmony4.engine.TestEngines;
import io.harmony4.filter.FilterChain;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Helpers for container tests: write and read in memory, and forge chunks with valid CRCs. */
final class Containers {
    static final EngineSet ALL = EngineSet.of(TestEngines.reference(), TestEngines.core());
    static final ExecutorService POOL = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "container-test");
        t.setDaemon(true);
        return t;
    });

    private Containers() {}

    static byte[] write(byte[] content, CompressionEngine engine, int blockSize, int parallelism) {
        return write(content, engine, blockSize, parallelism, FilterChain.NONE);
    }

    static byte[] write(byte[] content, CompressionEngine engine, int blockSize, int parallelism,
            FilterChain filters) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (H4mkWriter w = new H4mkWriter(out, engine, blockSize, POOL, parallelism, filters)) {
            // write in uneven pieces so block boundaries never line up with write calls
            int at = 0;
            int step = 1;
            while (at < content.length) {
                int n = Math.min(step, content.length - at);
                w.write(content, at, n);
                at += n;
                step = step * 3 + 1;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] read(byte[] container, int parallelism) throws IOException {
        try (H4mkInputStream in = new H4mkInputStream(new ByteArrayInputStream(container), ALL,
                ContainerLimits.DEFAULT, POOL, parallelism, H4mkInputStream.Mode.DECODE, ContainerVisitor.NONE)) {
            return in.readAllBytes();
        }
    }

    static byte[] read(byte[] container) throws IOException {
        return read(container, 1);
    }

    /** A chunk with a correct CRC around any payload: for containers that are well framed but wrong inside. */
    static byte[] chunk(String type, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChunkFraming.frame(type, payload).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] preamble() {
        return ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).put(H4mk.SIGNATURE).putInt(1).array();
    }

    /** Where {@code needle} first occurs in {@code haystack}. */
    static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not found");
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /**
     * The content root as docs/h4mk.md defines it, computed here from the content itself, independently of the
     * writer: the SHA-256 of "H4MK content root v2\n", "SIZE COUNT\n", then "SHA256HEX SIZE\n" per block.
     */
    static byte[] expectedRoot(byte[] content, int blockSize) {
        StringBuilder manifest = new StringBuilder("H4MK content root v2\n");
        int count = (content.length + blockSize - 1) / blockSize;
        manifest.append(content.length).append(' ').append(count).append('\n');
        for (int at = 0; at < content.length; at += blockSize) {
            byte[] block = java.util.Arrays.copyOfRange(content, at, Math.min(content.length, at + blockSize));
            manifest.append(java.util.HexFormat.of().formatHex(H4mkRoundTripTest.sha256(block))).append(' ')
                    .append(block.length).append('\n');
        }
        return H4mkRoundTripTest.sha256(manifest.toString().getBytes(StandardCharsets.US_ASCII));
    }
}
