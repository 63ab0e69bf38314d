package io.harmony4.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.engine.CoreEngine;
import io.harmony4.engine.EngineFailureException;
import io.harmony4.engine.NativeLibs;
import io.harmony4.engine.TestData;
import io.harmony4.engine.TestEngines;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Range reads that hash a block on another thread while the core decodes it in steps ({@link ConcurrentBlockHash}):
 * the same bytes and the same refusals as hashing after the decode, whatever the executor does with the hash.
 */
class ConcurrentBlockHashTest {
    private static final int BLOCK = 1 << 20;
    /** Compressible, so that every block is decoded by the core (a raw block has nothing to decode in steps). */
    private static final byte[] CONTENT = TestData.text(3 * BLOCK + 12_345, 61);
    private static final byte[] CONTAINER = Containers.write(CONTENT, TestEngines.core(), BLOCK, 2);

    /** Executors as a caller might give them: a pool, one that never runs, one that refuses, one that runs inline. */
    private static final Map<String, Executor> EXECUTORS = Map.of(
            "pool", Containers.POOL,
            "never runs", task -> { },
            "rejects", task -> {
                throw new RejectedExecutionException("shut down");
            },
            "caller runs", Runnable::run);

    private static H4mkRandomAccessReader open(byte[] container, Executor hashing, EngineSet engines)
            throws IOException {
        return H4mkRandomAccessReader.open(RandomAccessSource.of(container), engines, ContainerLimits.DEFAULT,
                hashing);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pool", "never runs", "rejects", "caller runs"})
    void rangeReadsGiveTheContentWhateverTheExecutorDoes(String executor) throws IOException {
        AtomicInteger tasks = new AtomicInteger();
        Executor counting = task -> {
            tasks.incrementAndGet();
            EXECUTORS.get(executor).execute(task);
        };
        H4mkRandomAccessReader reader = open(CONTAINER, counting, Containers.ALL);
        assertTrue(reader.sha256Verified());
        long[][] ranges = {{0, CONTENT.length}, {BLOCK - 10, 20}, {2 * BLOCK, BLOCK}, {3 * BLOCK + 1, 12_344},
                {5, 0}};
        for (long[] r : ranges) {
            assertArrayEquals(Arrays.copyOfRange(CONTENT, (int) r[0], (int) (r[0] + r[1])),
                    reader.read(r[0], (int) r[1]), "range " + Arrays.toString(r));
        }
        // one hash task per full block decoded (3 + 2 + 1); the last block (12,345 bytes) is too small to share
        assertEquals(6, tasks.get());
    }

    @Test
    void theReferenceEngineDecodesInOneCallAndIsHashedAfter() throws IOException {
        byte[] content = TestData.text(BLOCK + 500, 62);
        byte[] container = Containers.write(content, TestEngines.reference(), BLOCK, 1);
        assertArrayEquals(content, open(container, Containers.POOL, Containers.ALL).read(0, content.length));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pool", "never runs", "caller runs"})
    void aFlipBehindARecomputedCrcIsRefusedAndNamesTheBlock(String executor) throws IOException {
        int firstCore = H4mkDamageTest.indexOf(CONTAINER, "CORE");
        byte[] bad = Tampering.flipBehindTheCrc(CONTAINER, firstCore + 8 + 5 + 20_000, 0x10);
        H4mkRandomAccessReader reader = open(bad, EXECUTORS.get(executor), Containers.ALL);
        CorruptContainerException e = assertThrows(CorruptContainerException.class, () -> reader.read(10, 10));
        assertEquals("CORE", e.chunk());
        assertArrayEquals(Arrays.copyOfRange(CONTENT, BLOCK, BLOCK + 10), reader.read(BLOCK, 10));
    }

    /** A core that damages its output after its self-test: the digest catches it, and the engine's check names it. */
    @Test
    void aCoreThatReturnsOtherBytesFailsTheRead() throws IOException {
        byte[] struck = TestData.text(BLOCK, 63);
        System.arraycopy("H4FAULT!".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, struck, 0, 8);
        byte[] container = Containers.write(struck, TestEngines.core(), BLOCK, 1);
        try (CoreEngine faulty = CoreEngine.load(NativeLibs.testLibrary("latent-garbage"), 3)) {
            H4mkRandomAccessReader reader = open(container, Containers.POOL, EngineSet.of(faulty));
            assertThrows(EngineFailureException.class, () -> reader.read(0, 100));
        }
    }

    /**
     * A decode that fails after some steps abandons its hash: the pool thread that was hashing is free again. The
     * latent-error core fails the last step of content that starts with "H4FAULT!".
     */
    @Test
    void aDecodeThatFailsHalfwayFreesTheHashingThread() throws Exception {
        byte[] struck = TestData.text(BLOCK, 64);
        System.arraycopy("H4FAULT!".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, struck, 0, 8);
        byte[] container = Containers.write(struck, TestEngines.core(), BLOCK, 1);
        ExecutorService oneThread = Executors.newFixedThreadPool(1);
        try (CoreEngine faulty = CoreEngine.load(NativeLibs.testLibrary("latent-error"), 3)) {
            H4mkRandomAccessReader reader = open(container, oneThread, EngineSet.of(faulty));
            for (int i = 0; i < 3; i++) {
                assertThrows(EngineFailureException.class, () -> reader.read(0, 100));
            }
            // had a hasher been left parked, this would never run: the guard only keeps a broken build from hanging
            assertEquals("free", oneThread.submit(() -> "free").get(5, java.util.concurrent.TimeUnit.MINUTES));
        } finally {
            oneThread.shutdownNow();
        }
    }

    /** A hash task that a busy pool runs only after the read is over does nothing, and holds no block till then. */
    @Test
    void aHashTaskRunLateDoesNothing() throws IOException {
        byte[] text = TestData.text(2 * BLOCK, 65); // compressible: decoded by the core, not stored raw
        List<Runnable> queued = new ArrayList<>();
        H4mkRandomAccessReader reader = open(Containers.write(text, TestEngines.core(), BLOCK, 1), queued::add,
                Containers.ALL);
        assertArrayEquals(Arrays.copyOfRange(text, 0, BLOCK), reader.read(0, BLOCK));
        assertEquals(1, queued.size());
        queued.getFirst().run(); // returns at once: the reader claimed and computed the hash itself
        assertArrayEquals(Arrays.copyOfRange(text, BLOCK, 2 * BLOCK), reader.read(BLOCK, BLOCK));
    }

    /** More readers than pool threads: every hash is claimed by a pool thread or by its own decoder; none waits. */
    @Test
    void concurrentReadsOnASmallPoolAllFinishWithTheContent() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(1);
        ExecutorService readers = Executors.newFixedThreadPool(4);
        try {
            AtomicInteger reads = new AtomicInteger();
            List<Future<?>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int block = i % 3;
                results.add(readers.submit(() -> {
                    byte[] got = open(CONTAINER, pool, Containers.ALL).read((long) block * BLOCK, BLOCK);
                    assertArrayEquals(Arrays.copyOfRange(CONTENT, block * BLOCK, (block + 1) * BLOCK), got);
                    return reads.incrementAndGet();
                }));
            }
            for (Future<?> f : results) {
                f.get();
            }
            assertEquals(16, reads.get());
        } finally {
            pool.shutdownNow();
            readers.shutdownNow();
        }
    }
}
