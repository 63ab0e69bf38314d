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
    /** Incompressible, so zstd stores it raw: a flipped data byte decodes to other content, not to an error. */
    private static final byte[] CONTENT = TestData.random(3 * BLOCK + 12_345, 61);
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
        H4mkRandomAccessReader reader = open(CONTAINER, EXECUTORS.get(executor), Containers.ALL);
        assertTrue(reader.sha256Verified());
        long[][] ranges = {{0, CONTENT.length}, {BLOCK - 10, 20}, {2 * BLOCK, BLOCK}, {3 * BLOCK + 1, 12_344},
                {5, 0}};
        for (long[] r : ranges) {
            assertArrayEquals(Arrays.copyOfRange(CONTENT, (int) r[0], (int) (r[0] + r[1])),
                    reader.read(r[0], (int) r[1]), "range " + Arrays.toString(r));
        }
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
        byte[] bad = Tampering.flipBehindTheCrc(CONTAINER, firstCore + 8 + 5 + 700_000, 0x10);
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
