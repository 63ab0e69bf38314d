package io.harmony4.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.config.TestConfig;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link BlockPool}: what its shutdown does to the blocks still waiting for a thread. */
class BlockPoolTest {

    /** A request waiting for a block the pool never ran must not wait for ever: the block is cancelled. */
    @Test
    void workStillQueuedAtShutdownIsCancelledNotDropped() throws Exception {
        BlockPool pool = new BlockPool(TestConfig.mapping(Map.of("harmony4.container.parallelism", "1"), Map.of()));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FutureTask<Void> busy = new FutureTask<>(() -> {
            running.countDown();
            release.await();
            return null;
        });
        FutureTask<String> queued = new FutureTask<>(() -> "ran");
        pool.executor().execute(busy);
        assertTrue(running.await(10, TimeUnit.SECONDS));
        pool.executor().execute(queued);

        pool.shutdown();
        assertFalse(pool.accepting());
        assertTrue(queued.isCancelled());
        assertThrows(CancellationException.class, () -> queued.get(10, TimeUnit.SECONDS));
        release.countDown();
    }
}
