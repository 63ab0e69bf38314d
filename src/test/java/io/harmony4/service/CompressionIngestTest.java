package io.harmony4.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
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
    /** Whole-block arrays the test's requests share, as the service's do. */
    private final BlockArrays shared = new BlockArrays(BLOCK, CompressionIngest.arraysPerRequest(2));
    @TempDir
    Path spoolDir;

    @AfterEach
    void stop() {
        blockPool.shutdownNow();
    }

    private CompressionIngest start(CompressionEngine engine, int parallelism, long maxRequestSize, long declared) {
        return start(engine, BLOCK, parallelism, maxRequestSize, declared);
    }

    private CompressionIngest start(CompressionEngine engine, int blockSize, int parallelism, long maxRequestSize,
            long declared) {
        Spool spool = new Spool(new MemoryBudget(0), spoolDir);
        CompressionIngest ingest = new CompressionIngest(spool, spool,
                new CompressOptions(engine, blockSize, FilterChoice.NONE), blockPool, shared, parallelism,
                maxRequestSize, declared, room::release);
        ingest.start();
        return ingest;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void buffersOfAnySizeMakeTheContainerTheWriterMakes(boolean lengthDeclared) throws Exception {
        for (byte[] content : new byte[][] {new byte[0], TestData.text(10, 1), TestData.text(5 * BLOCK + 123, 2),
                TestData.random(3 * BLOCK, 3)}) {
            compressWhole(content, lengthDeclared, 1, 7, 1000, 5000, BLOCK, 3 * BLOCK);
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

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aCompleteRequestLeavesItsWholeBlockArraysToTheNextWhichOverwritesWhatTheyHeld(boolean lengthDeclared)
            throws Exception {
        byte[] given = new byte[BLOCK];
        Arrays.fill(given, (byte) 0x5A);
        shared.giveBack(given);
        compressWhole(TestData.text(5 * BLOCK + 123, 11), lengthDeclared, 1000, 3 * BLOCK);
        List<byte[]> kept = drainShared();
        assertTrue(kept.size() >= 2, "the whole-block arrays of a 6-block body are kept, got " + kept.size());
        assertTrue(kept.stream().anyMatch(a -> a == given), "the array the request was given is among them");

        // arrays full of other bytes: only what each request placed may reach its container
        List<byte[]> stale = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            byte[] array = new byte[BLOCK];
            Arrays.fill(array, (byte) (i + 1));
            stale.add(array);
            shared.giveBack(array);
        }
        compressWhole(TestData.text(3 * BLOCK + 7, 12), lengthDeclared, 1000, 3 * BLOCK);
        compressWhole(TestData.random(2 * BLOCK, 13), lengthDeclared, 1000, 3 * BLOCK);
        assertTrue(drainShared().stream().allMatch(a -> stale.stream().anyMatch(s -> s == a)),
                "the requests took the arrays kept, allocating none");
    }

    private List<byte[]> drainShared() {
        List<byte[]> arrays = new ArrayList<>();
        for (byte[] array; (array = shared.poll()) != null; ) {
            arrays.add(array);
        }
        return arrays;
    }

    @Test
    void aFailedRequestGivesNoArrayBack() throws Exception {
        for (int i = 0; i < CompressionIngest.arraysPerRequest(2); i++) {
            shared.giveBack(new byte[BLOCK]);
        }
        CompressionIngest ingest = start(TestEngines.core(), 2, Long.MAX_VALUE, -1);
        // more blocks than arrays: some are written, their arrays free for the next block, when the client leaves
        Ingests.offer(ingest, ByteBuffer.wrap(TestData.text(12 * BLOCK + 5, 14)), room);
        assertEquals(0, shared.idle(), "the body took every shared array");
        ingest.fail(new IOException("Connection reset by peer"));
        assertThrows(ExecutionException.class, () -> ingest.result().toCompletableFuture().get(30, TimeUnit.SECONDS));
        // a cancelled block task may still read an array: the GC takes them, not the next request
        assertEquals(0, shared.idle());
    }

    @Test
    void aRequestOfAnotherBlockSizeLeavesTheSharedArraysAlone() throws Exception {
        byte[] kept = new byte[BLOCK];
        shared.giveBack(kept);
        byte[] content = TestData.text(6 * 2 * BLOCK, 15);
        CompressionIngest ingest = start(TestEngines.core(), 2 * BLOCK, 2, Long.MAX_VALUE, content.length);
        Ingests.offer(ingest, ByteBuffer.wrap(content), room);
        ingest.end();
        ingest.result().toCompletableFuture().get(30, TimeUnit.SECONDS).container().close();
        assertEquals(1, shared.idle());
        assertSame(kept, shared.poll());
    }

    /**
     * Compresses {@code content} through an ingest, offered in buffers of the sizes given in turn; asserts it makes
     * the container, content root and size the writer makes.
     */
    private void compressWhole(byte[] content, boolean lengthDeclared, int... bufferSizes) throws Exception {
        CompressionIngest ingest = start(TestEngines.core(), 2, Long.MAX_VALUE, lengthDeclared ? content.length : -1);
        Ingests.offerAll(ingest, content, room, bufferSizes);
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
