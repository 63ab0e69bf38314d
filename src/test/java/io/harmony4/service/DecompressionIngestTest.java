package io.harmony4.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.config.ActiveEngine;
import io.harmony4.config.Harmony4Config;
import io.harmony4.config.TestConfig;
import io.harmony4.container.CorruptContainerException;
import io.harmony4.container.EngineSet;
import io.harmony4.container.Tampering;
import io.harmony4.container.TestContainers;
import io.harmony4.engine.CompressionEngine;
import io.harmony4.engine.EngineInfo;
import io.harmony4.engine.TestData;
import io.harmony4.engine.TestEngines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The body path of /v1/decompress below HTTP: buffers in as the socket gives them, blocks decoded as their chunks
 * complete, the verified content held in memory within the service's budget (else in a spool file), and a client
 * that stops sending holding no more than a queue of about a block and the blocks being decoded.
 */
class DecompressionIngestTest {
    private static final int BLOCK = 64 * 1024;
    private static final int PARALLELISM = 2;
    private final Semaphore room = new Semaphore(0);
    private final AtomicInteger decoded = new AtomicInteger();
    private final CountDownLatch gate = new CountDownLatch(1);
    @TempDir
    Path spoolDir;
    private BlockPool pool;
    /** Built here as CDI would, so its idle trim thread is stopped here as the container's shutdown would. */
    private ContainerService service;

    @AfterEach
    void stop() {
        gate.countDown();
        if (service != null) {
            service.stopIdleTrim();
        }
        if (pool != null) {
            pool.shutdown();
        }
    }

    private ContainerService service(String budget, boolean gated) {
        Harmony4Config config = TestConfig.mapping(Map.of("harmony4.spool.dir", spoolDir.toString(),
                "harmony4.spool.memory-budget", budget,
                "harmony4.container.parallelism", Integer.toString(PARALLELISM)), Map.of());
        pool = new BlockPool(config);
        CompressionEngine engine = new Watched(TestEngines.core(), decoded, gated ? gate : new CountDownLatch(0));
        service = new ContainerService(new ActiveEngine(engine, Harmony4Config.EngineMode.CORE, Optional.empty()),
                EngineSet.of(engine), pool, config);
        return service;
    }

    @Test
    void aContainerInBuffersOfAnySizeIsItsContentHeldAsTheDecodedBlocks() throws Exception {
        ContainerService service = service("64M", false);
        byte[] content = TestData.text(20 * BLOCK + 777, 1);
        byte[] container = TestContainers.write(content, BLOCK);
        BodyIngest<ContainerService.Decompressed> ingest = service.startDecompression(room::release);
        Ingests.offerAll(ingest, container, room, 1, 13, 65536, 1000, 200_000);
        ContainerService.Decompressed result = ingest.result().toCompletableFuture().get(30, TimeUnit.SECONDS);
        try (Spool held = result.content()) {
            assertNull(held.fileOrNull(), "within the budget: in memory");
            var segments = held.segmentsOrNull();
            assertEquals(21, segments.size(), "one array per block, as decoded");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            segments.forEach(s -> out.write(s.array(), s.arrayOffset() + s.position(), s.remaining()));
            assertArrayEquals(content, out.toByteArray());
            assertEquals(TestContainers.root(content, BLOCK), result.root());
            assertEquals(container.length, result.containerSize());
        }
        assertEquals(service.memoryBudget().capacity(), service.memoryBudget().available());
    }

    @Test
    void blocksAreDecodedAsTheirChunksArriveBeforeTheBodyEnds() throws Exception {
        ContainerService service = service("64M", false);
        byte[] content = TestData.text(12 * BLOCK, 2);
        byte[] container = TestContainers.write(content, BLOCK);
        BodyIngest<ContainerService.Decompressed> ingest = service.startDecompression(room::release);
        Ingests.offer(ingest, ByteBuffer.wrap(container, 0, container.length / 2), room);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (decoded.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(decoded.get() >= 2, "blocks of the first half decoded while the rest is still to come");
        int half = container.length / 2;
        Ingests.offer(ingest, ByteBuffer.wrap(container, half, container.length - half), room);
        ingest.end();
        ingest.result().toCompletableFuture().get(30, TimeUnit.SECONDS).content().close();
    }

    @Test
    void aClientFasterThanTheDecodingIsHeldAtAQueueAndTheBlocksInFlight() throws Exception {
        ContainerService service = service("64M", true); // every decode waits at the gate
        byte[] content = TestData.text(256 * BLOCK, 3); // compressible: stored raw, a block would skip the engine
        byte[] container = TestContainers.write(content, BLOCK);
        BodyIngest<ContainerService.Decompressed> ingest = service.startDecompression(room::release);
        int accepted = 0;
        int piece = 16 * 1024;
        // offered as fast as taken, and again whenever the reader makes room, until no room comes for a while
        while (true) {
            boolean taken = ingest.take(ByteBuffer.wrap(container, accepted, piece));
            accepted += piece; // a refused buffer is held too
            if (!taken) {
                if (!room.tryAcquire(500, TimeUnit.MILLISECONDS)) {
                    break;
                }
                assertTrue(ingest.retry());
            }
        }
        // the reader has taken the chunks of the blocks in flight (2 x parallelism), and the queue holds about a block
        long bound = 2L * PARALLELISM * (BLOCK + 64) + BodyStream.BOUND + piece;
        assertTrue(accepted < container.length, "stopped before the end of the body");
        assertTrue(accepted <= bound + 4096, accepted + " bytes taken, at most " + bound + " expected");
        gate.countDown();
        assertTrue(room.tryAcquire(30, TimeUnit.SECONDS), "room once decoding goes on");
        while (!ingest.retry()) {
            assertTrue(room.tryAcquire(30, TimeUnit.SECONDS));
        }
        for (int at = accepted; at < container.length; at += piece) {
            Ingests.offer(ingest, ByteBuffer.wrap(container, at, Math.min(piece, container.length - at)),
                    room);
        }
        ingest.end();
        try (Spool held = ingest.result().toCompletableFuture().get(30, TimeUnit.SECONDS).content()) {
            assertEquals(content.length, held.size());
        }
    }

    @Test
    void contentPastTheBudgetWaitsInASpoolFileAndTheBudgetComesBack() throws Exception {
        ContainerService service = service("256K", false);
        byte[] content = TestData.text(10 * BLOCK, 4);
        ContainerService.Decompressed result = decode(service, TestContainers.write(content, BLOCK));
        Path file = result.content().fileOrNull();
        assertNotNull(file, "10 blocks do not fit in 256 KiB");
        assertArrayEquals(content, Files.readAllBytes(file));
        assertEquals(service.memoryBudget().capacity(), service.memoryBudget().available(),
                "what was held before the file is given back");
        result.content().close();
        Ingests.assertNoSpoolFiles(spoolDir);
    }

    @Test
    void damageFoundLateFailsTheResultAndLeavesNothingHeld() throws Exception {
        ContainerService service = service("256K", false);
        byte[] content = TestData.text(10 * BLOCK, 5);
        byte[] container = TestContainers.write(content, BLOCK);
        byte[] bad = Tampering.flipBehindTheCrc(container, container.length - 10, 0x01); // in TAIL's content root
        ExecutionException e = assertThrows(ExecutionException.class, () -> decode(service, bad));
        assertInstanceOf(CorruptContainerException.class, e.getCause());
        assertEquals(service.memoryBudget().capacity(), service.memoryBudget().available());
        Ingests.assertNoSpoolFiles(spoolDir);
    }

    @Test
    void aClientThatLeavesMidBodyStopsTheReaderAndLeavesNothing() throws Exception {
        ContainerService service = service("64M", false);
        byte[] container = TestContainers.write(TestData.text(10 * BLOCK, 6), BLOCK);
        BodyIngest<ContainerService.Decompressed> ingest = service.startDecompression(room::release);
        Ingests.offer(ingest, ByteBuffer.wrap(container, 0, container.length / 2), room);
        IOException gone = new IOException("Connection reset by peer");
        ingest.fail(gone);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> ingest.result().toCompletableFuture().get(30, TimeUnit.SECONDS));
        assertEquals(gone, e.getCause().getCause());
        assertEquals(service.memoryBudget().capacity(), service.memoryBudget().available());
        Ingests.assertNoSpoolFiles(spoolDir);
    }

    @Test
    void aRangeIsReadFromTheBodyReceivedWhole() throws Exception {
        ContainerService service = service("64M", false);
        byte[] content = TestData.text(10 * BLOCK, 7);
        byte[] container = TestContainers.write(content, BLOCK);
        BodyIngest<ContainerService.Decompressed> ingest =
                service.startRangeDecompression(BLOCK - 10, 3L * BLOCK, room::release);
        for (int at = 0; at < container.length; at += 5000) {
            Ingests.offer(ingest, ByteBuffer.wrap(container, at, Math.min(5000, container.length - at)), room);
        }
        ingest.end();
        try (Spool held = ingest.result().toCompletableFuture().get(30, TimeUnit.SECONDS).content()) {
            List<ByteBuffer> segments = held.segmentsOrNull();
            // a first segment smaller than a block on the heap, the rest in whole direct blocks, which the socket
            // takes as they are
            assertEquals(List.of(false, true), segments.stream().map(ByteBuffer::isDirect).toList());
            ByteArrayOutputStream range = new ByteArrayOutputStream();
            for (ByteBuffer segment : segments) {
                byte[] bytes = new byte[segment.remaining()];
                segment.get(bytes);
                range.writeBytes(bytes);
            }
            assertArrayEquals(java.util.Arrays.copyOfRange(content, BLOCK - 10, 4 * BLOCK - 10), range.toByteArray());
        }
        assertThrows(InvalidParameterException.class, () -> service.startRangeDecompression(-1, null, room::release));
    }

    private ContainerService.Decompressed decode(ContainerService service, byte[] container) throws Exception {
        BodyIngest<ContainerService.Decompressed> ingest = service.startDecompression(room::release);
        Ingests.offer(ingest, ByteBuffer.wrap(container), room);
        ingest.end();
        return ingest.result().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** The core, counting its decodes, each of which waits at a gate first: a core slower than the sender. */
    private record Watched(CompressionEngine engine, AtomicInteger decodes, CountDownLatch gate)
            implements CompressionEngine {
        @Override
        public byte[] compress(byte[] input) {
            return engine.compress(input);
        }

        @Override
        public byte[] decompress(byte[] compressed) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            decodes.incrementAndGet();
            return engine.decompress(compressed);
        }

        @Override
        public EngineInfo info() {
            return engine.info();
        }
    }
}
