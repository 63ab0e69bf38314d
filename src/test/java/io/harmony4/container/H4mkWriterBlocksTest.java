package io.harmony4.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.engine.CompressionEngine;
import io.harmony4.engine.TestData;
import io.harmony4.engine.TestEngines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import io.harmony4.engine.EngineInfo;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link H4mkWriter#writeBlock}: blocks the caller assembled, taken without a copy, give the bytes write() gives. */
class H4mkWriterBlocksTest {
    private static final int BLOCK = 4096;

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void blocksTakenWholeMakeTheContainerThatWriteMakes(int parallelism) throws IOException {
        CompressionEngine engine = TestEngines.core();
        // text, random (stored raw: the chunk holds the caller's array until written), and a short last block
        byte[] content = concat(TestData.text(3 * BLOCK, 1), TestData.random(2 * BLOCK, 2), TestData.text(100, 3));
        byte[] expected = Containers.write(content, engine, BLOCK, parallelism);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicInteger released = new AtomicInteger();
        ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();
        H4mkWriter writer = new H4mkWriter(out, engine, BLOCK, Containers.POOL, parallelism);
        for (int at = 0; at < content.length; at += BLOCK) {
            int n = Math.min(BLOCK, content.length - at);
            byte[] array = free.poll();
            if (array == null) {
                array = new byte[BLOCK];
            }
            System.arraycopy(content, at, array, 0, n);
            byte[] taken = array;
            writer.writeBlock(taken, n, () -> {
                // an array released too early would show in the container: the writer must be done with it
                Arrays.fill(taken, (byte) 0x5a);
                released.incrementAndGet();
                free.add(taken);
            });
        }
        writer.finish();
        assertArrayEquals(expected, out.toByteArray());
        assertEquals(6, released.get());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void nothingFollowsAShortBlockOrAPartialWrite(int parallelism) throws IOException {
        H4mkWriter writer = new H4mkWriter(new ByteArrayOutputStream(), TestEngines.reference(), BLOCK, Containers.POOL,
                parallelism);
        writer.writeBlock(new byte[BLOCK], 100, () -> {});
        assertThrows(IllegalStateException.class, () -> writer.writeBlock(new byte[BLOCK], BLOCK, () -> {}));

        H4mkWriter partial = new H4mkWriter(new ByteArrayOutputStream(), TestEngines.reference(), BLOCK,
                Containers.POOL, parallelism);
        partial.write(new byte[10]);
        assertThrows(IllegalStateException.class, () -> partial.writeBlock(new byte[BLOCK], BLOCK, () -> {}));
        H4mkWriter fresh = new H4mkWriter(new ByteArrayOutputStream(), TestEngines.reference(), BLOCK,
                Containers.POOL, parallelism);
        assertThrows(IllegalArgumentException.class, () -> fresh.writeBlock(new byte[2 * BLOCK], 2 * BLOCK,
                () -> {}));
    }

    /**
     * A block's SHA-256 is a task of its own, queued once the next block's compression is: so a free worker hashes a
     * block while another compresses the next, and the last compression does not wait behind a hash.
     */
    @Test
    void aBlocksHashIsQueuedBehindTheNextBlocksCompression() throws IOException {
        ArrayDeque<Runnable> queued = new ArrayDeque<>();
        List<Integer> compressed = new ArrayList<>();
        CompressionEngine engine = recording(compressed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        H4mkWriter writer = new H4mkWriter(out, engine, BLOCK, queued::add, 2);
        writer.writeBlock(filled(0), BLOCK, () -> {});
        writer.writeBlock(filled(1), BLOCK, () -> {});

        assertEquals(3, queued.size(), "block 0's compression, block 1's, block 0's hash");
        queued.remove().run();
        queued.remove().run();
        assertEquals(List.of(0, 1), compressed);
        queued.remove().run();
        assertEquals(List.of(0, 1), compressed, "the third task hashes");
        // block 1's compression ended with no block after it: its hash was queued then
        assertEquals(1, queued.size());
        queued.remove().run();
        writer.finish();
        assertArrayEquals(Containers.write(concat(filled(0), filled(1)), engine, BLOCK, 1), out.toByteArray());
    }

    /** A body that stops after a block (or ends with it) has it hashed once its compression ends, not never. */
    @Test
    void aBlockWithNoneAfterItIsHashedOnceCompressed() throws IOException {
        ArrayDeque<Runnable> queued = new ArrayDeque<>();
        CompressionEngine engine = recording(new ArrayList<>());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        H4mkWriter writer = new H4mkWriter(out, engine, BLOCK, queued::add, 2);
        writer.writeBlock(filled(7), BLOCK, () -> {});
        assertEquals(1, queued.size());
        queued.remove().run();
        assertEquals(1, queued.size(), "its hash");
        queued.remove().run();
        writer.finish();
        assertArrayEquals(Containers.write(filled(7), engine, BLOCK, 1), out.toByteArray());
    }

    /**
     * A request given up wastes no more CPU on its blocks: their queued hashes are cancelled with their compressions.
     */
    @Test
    void abortCancelsTheQueuedHashesToo() throws IOException {
        ArrayDeque<Runnable> queued = new ArrayDeque<>();
        H4mkWriter writer = new H4mkWriter(new ByteArrayOutputStream(), TestEngines.reference(), BLOCK, queued::add, 2);
        writer.writeBlock(filled(0), BLOCK, () -> {});
        writer.writeBlock(filled(1), BLOCK, () -> {});
        queued.remove().run(); // block 0 compressed; block 1's compression and block 0's hash wait
        assertEquals(2, queued.size());

        writer.abort();
        for (Runnable task : queued) {
            assertTrue(((Future<?>) task).isCancelled(), "every queued task cancelled");
        }
    }

    /**
     * A block that fails is missing from the container, so nothing may finish it: close() after the failure (as
     * try-with-resources does) writes no SEEK or TAIL, and more input is refused, on one thread and on several.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void aContainerWithAFailedBlockIsNeverFinished(int parallelism) throws IOException {
        CompressionEngine failing = failingOn(1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        H4mkWriter writer = new H4mkWriter(out, failing, BLOCK, Containers.POOL, parallelism);
        Exception first = assertThrows(Exception.class, () -> {
            for (int block = 0; block < 4; block++) {
                writer.write(filled(block));
            }
            writer.finish();
        });
        assertEquals("block 1 failed", rootCause(first).getMessage());
        IOException refused = assertThrows(IOException.class, writer::close);
        assertEquals("block 1 failed", rootCause(refused).getMessage());
        assertThrows(IOException.class, () -> writer.write(filled(5)));
        byte[] tail = H4mk.TAIL.getBytes(StandardCharsets.US_ASCII);
        assertThrows(IllegalArgumentException.class, () -> Containers.indexOf(out.toByteArray(), tail),
                "no TAIL after a failed block");
        assertThrows(CorruptContainerException.class, () -> Containers.read(out.toByteArray()));
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The reference engine, failing on the block whose first byte is {@code value}. */
    private static CompressionEngine failingOn(int value) {
        return referenceSeeing(input -> {
            if (input[0] == value) {
                throw new IllegalStateException("block " + value + " failed");
            }
        });
    }

    private static byte[] filled(int value) {
        byte[] block = new byte[BLOCK];
        Arrays.fill(block, (byte) value);
        return block;
    }

    /** The reference engine, noting the first byte of each block it compresses. */
    private static CompressionEngine recording(List<Integer> compressed) {
        return referenceSeeing(input -> {
            synchronized (compressed) {
                compressed.add((int) input[0]);
            }
        });
    }

    /** The reference engine, showing {@code seeing} each block before it compresses it. */
    private static CompressionEngine referenceSeeing(Consumer<byte[]> seeing) {
        CompressionEngine reference = TestEngines.reference();
        return new CompressionEngine() {
            @Override
            public byte[] compress(byte[] input) {
                seeing.accept(input);
                return reference.compress(input);
            }

            @Override
            public byte[] decompress(byte[] compressed) {
                return reference.decompress(compressed);
            }

            @Override
            public EngineInfo info() {
                return reference.info();
            }
        };
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
