package io.harmony4.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.container.FilterChoice;
import io.harmony4.container.H4mkWriter;
import io.harmony4.engine.CompressionEngine;
import io.harmony4.engine.EngineInfo;
import io.harmony4.engine.TestData;
import io.harmony4.engine.TestEngines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The body path of /v1/compress below HTTP: buffers in, blocks assembled in a bounded set of arrays, a container out. */
class CompressionIngestTest {
    private static final int BLOCK = 4096;
    private final ExecutorService blockPool = Executors.newFixedThreadPool(2);
    private final Semaphore room = new Semaphore(0);
    @TempDir
    Path spoolDir;

    @AfterEach
    void stop() {
        blockPool.shutdownNow();
    }

    private CompressionIngest start(CompressionEngine engine, int parallelism, long maxRequestSize, long declared) {
        Spool spool = new Spool(new MemoryBudget(0), spoolDir);
        CompressionIngest ingest = new CompressionIngest(spool, spool,
                new CompressOptions(engine, BLOCK, FilterChoice.NONE), blockPool, parallelism, maxRequestSize,
                declared, room::release);
        ingest.start();
        return ingest;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void buffersOfAnySizeMakeTheContainerTheWriterMakes(boolean lengthDeclared) throws Exception {
        for (byte[] content : new byte[][] {new byte[0], TestData.text(10, 1), TestData.text(5 * BLOCK + 123, 2),
                TestData.random(3 * BLOCK, 3)}) {
            CompressionIngest ingest = start(TestEngines.core(), 2, Long.MAX_VALUE,
                    lengthDeclared ? content.length : -1);
            int[] sizes = {1, 7, 1000, 5000, BLOCK, 3 * BLOCK};
            for (int at = 0, i = 0; at < content.length; i++) {
                int n = Math.min(sizes[i % sizes.length], content.length - at);
                Ingests.offer(ingest, ByteBuffer.wrap(content, at, n), room);
                at += n;
            }
            ingest.end();
            ContainerService.Compressed result = ingest.result().toCompletableFuture().get(30, TimeUnit.SECONDS);

            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            H4mkWriter writer = new H4mkWriter(expected, TestEngines.core(), BLOCK, null, 1);
            writer.write(content);
            writer.finish();
            assertArrayEquals(expected.toByteArray(), Files.readAllBytes(result.container().fileOrNull()));
            assertEquals(HexFormat.of().formatHex(writer.contentRoot()), result.root());
            assertEquals(content.length, result.contentSize());
            result.container().close();
        }
        Ingests.assertNoSpoolFiles(spoolDir);
    }

    @Test
    void aSenderFasterThanTheEngineIsHeldAtTheArraysInFlight() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        CompressionEngine slow = new Gated(TestEngines.reference(), gate);
        CompressionIngest ingest = start(slow, 1, Long.MAX_VALUE, -1);
        byte[] content = TestData.text(20 * BLOCK, 4);
        int accepted = 0;
        ByteBuffer refused = null;
        // the first array starts small and grows: whole blocks once it has
        AtomicInteger released = new AtomicInteger();
        for (int at = 0; at < content.length; at += BLOCK) {
            ByteBuffer block = ByteBuffer.wrap(content, at, BLOCK);
            if (!ingest.take(block, released::incrementAndGet)) {
                refused = block;
                break;
            }
            accepted++;
        }
        // one block in the engine, the rest of the arrays full: no more is taken while the engine is stuck
        assertEquals(ingest.arrayBound(), accepted);
        assertTrue(refused != null);
        assertEquals(accepted, released.get(), "a buffer copied whole is released at once, the refused one kept");
        assertFalse(room.tryAcquire(200, TimeUnit.MILLISECONDS), "no room while every array is in use");
        gate.countDown();
        assertTrue(room.tryAcquire(30, TimeUnit.SECONDS), "room once the engine goes on");
        while (!ingest.retry()) {
            assertTrue(room.tryAcquire(30, TimeUnit.SECONDS));
        }
        assertEquals(accepted + 1, released.get(), "the refused buffer released once placed");
        for (int at = (accepted + 1) * BLOCK; at < content.length; at += BLOCK) {
            Ingests.offer(ingest, ByteBuffer.wrap(content, at, BLOCK), room);
        }
        ingest.end();
        ContainerService.Compressed result = ingest.result().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(content.length, result.contentSize());
        result.container().close();
    }

    @Test
    void aBufferWaitingForAnArrayIsReleasedWhenTheRequestFails() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        CompressionIngest ingest = start(new Gated(TestEngines.reference(), gate), 1, Long.MAX_VALUE, -1);
        byte[] content = TestData.text(20 * BLOCK, 7);
        AtomicInteger released = new AtomicInteger();
        int offered = 0;
        boolean taken = true;
        for (int at = 0; taken; at += BLOCK, offered++) {
            taken = ingest.take(ByteBuffer.wrap(content, at, BLOCK), released::incrementAndGet);
        }
        assertEquals(offered - 1, released.get(), "the refused buffer waits, not released");
        ingest.fail(new java.io.IOException("the client left"));
        assertEquals(offered, released.get(), "released once the request failed");
        gate.countDown();
        assertThrows(ExecutionException.class, () -> ingest.result().toCompletableFuture().get(30, TimeUnit.SECONDS));
        Ingests.assertNoSpoolFiles(spoolDir);
    }

    @Test
    void aBodyPastTheLimitIsRefusedAndLeavesNothing() throws Exception {
        CompressionIngest ingest = start(TestEngines.core(), 2, 3 * BLOCK, -1);
        Ingests.offer(ingest, ByteBuffer.wrap(TestData.text(2 * BLOCK, 5)), room);
        RequestTooLargeException tooLarge = assertThrows(RequestTooLargeException.class,
                () -> ingest.take(ByteBuffer.wrap(TestData.text(2 * BLOCK, 6))));
        ingest.fail(tooLarge);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> ingest.result().toCompletableFuture().get(30, TimeUnit.SECONDS));
        assertInstanceOf(RequestTooLargeException.class, e.getCause());
        Ingests.assertNoSpoolFiles(spoolDir);
    }

    @Test
    void aClientThatLeavesMidBodyLeavesNothing() throws Exception {
        CompressionIngest ingest = start(TestEngines.core(), 2, Long.MAX_VALUE, 10L * BLOCK);
        Ingests.offer(ingest, ByteBuffer.wrap(TestData.text(3 * BLOCK + 5, 7)), room);
        IOException gone = new IOException("Connection reset by peer");
        ingest.fail(gone);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> ingest.result().toCompletableFuture().get(30, TimeUnit.SECONDS));
        assertEquals(gone, e.getCause());
        Ingests.assertNoSpoolFiles(spoolDir);
    }

    /** An engine whose compression waits for a gate: a core slower than the sender. */
    private record Gated(CompressionEngine engine, CountDownLatch gate) implements CompressionEngine {
        @Override
        public byte[] compress(byte[] input) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return engine.compress(input);
        }

        @Override
        public byte[] decompress(byte[] compressed) {
            return engine.decompress(compressed);
        }

        @Override
        public EngineInfo info() {
            return engine.info();
        }
    }
}
