package io.harmony4.service;

import io.harmony4.config.Harmony4Config;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one bounded pool that compresses and decodes the blocks of every request, sized by
 * {@code harmony4.container.parallelism}. A bean of its own so that liveness can watch it without going through HTTP.
 */
@ApplicationScoped
public class BlockPool {
    private final int parallelism;
    private final ThreadPoolExecutor executor;

    BlockPool(Harmony4Config config) {
        this.parallelism = config.container().parallelism().orElse(Runtime.getRuntime().availableProcessors());
        AtomicInteger n = new AtomicInteger();
        // Threads start on first use, so an idle process holds none.
        this.executor = new ThreadPoolExecutor(parallelism, parallelism, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "harmony4-blocks-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * Stops the threads. Work still queued is cancelled, where it can be, rather than dropped: a request waiting for a
     * dropped block would wait for ever, a cancelled one fails at once.
     */
    @PreDestroy
    void shutdown() {
        for (Runnable dropped : executor.shutdownNow()) {
            if (dropped instanceof Future<?> work) {
                work.cancel(false);
            }
        }
    }

    /** Whether the pool still takes work. */
    public boolean accepting() {
        return !executor.isShutdown();
    }

    /**
     * Block tasks running or waiting for a thread, of every request: 0 when idle. Every task is a bounded piece of
     * CPU work (a block compressed, decoded or hashed), so a count that stays up with no request running is a task
     * holding a thread (the {@code harmony4_block_pool_tasks} gauge).
     */
    public int tasks() {
        return executor.getActiveCount() + executor.getQueue().size();
    }

    /** Block tasks finished since start, of every request ({@code harmony4_block_pool_completed_total}). */
    public long completed() {
        return executor.getCompletedTaskCount();
    }

    /** Blocks one request may have in flight at once; also the number of threads. */
    int parallelism() {
        return parallelism;
    }

    Executor executor() {
        return executor;
    }
}
