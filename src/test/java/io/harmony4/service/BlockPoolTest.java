package io.harmony4.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.config.TestConfig;
import io.harmony4.container.BlockTasks;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link BlockPool}: what its shutdown does to the blocks still waiting for a thread. */
class BlockPoolTest {

    /** A request waiting for a block the pool never ran must not wait for ever: the block is cancelled. */
    @Test
    void workStillQueuedAtShutdownIsCancelledNotDropped() throws Exception {
        BlockPool pool = onePoolThread();
        CountDownLatch release = new CountDownLatch(1);
        occupy(pool, release);
        FutureTask<String> queued = new FutureTask<>(() -> "ran");
        pool.executor().execute(queued);

        pool.shutdown();
        assertFalse(pool.accepting());
        assertTrue(queued.isCancelled());
        assertThrows(CancellationException.class, () -> queued.get(10, TimeUnit.SECONDS));
        release.countDown();
    }

    /**
     * Block work waited on as a CompletableFuture ({@link BlockTasks}, as LeadingBlocks and StreamedContent queue it)
     * is cancelled too, and its future with it. What supplyAsync queues would be cancelled, its future never done.
     */
    @Test
    void aCompletableFutureOfWorkStillQueuedAtShutdownIsCancelled() throws Exception {
        BlockPool pool = onePoolThread();
        CountDownLatch release = new CountDownLatch(1);
        occupy(pool, release);
        CompletableFuture<String> queued = BlockTasks.supply(() -> "ran", pool.executor());

        pool.shutdown();
        assertTrue(queued.isCancelled(), "done by the shutdown itself");
        assertThrows(CancellationException.class, queued::join);
        release.countDown();
    }

    static BlockPool onePoolThread() {
        return new BlockPool(TestConfig.mapping(Map.of("harmony4.container.parallelism", "1"), Map.of()));
    }

    /** Keeps {@code pool}'s one thread busy until {@code release}: what is queued next waits. */
    static void occupy(BlockPool pool, CountDownLatch release) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        pool.executor().execute(new FutureTask<Void>(() -> {
            running.countDown();
            release.await();
            return null;
        }));
        assertTrue(running.await(10, TimeUnit.SECONDS));
    }
}
