package io.harmony4.service;

import io.harmony4.config.Harmony4Config;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one bounded pool that compresses and decodes the blocks of every request, sized by
 * {@code harmony4.container.parallelism}. A bean of its own so that liveness can watch it without going through HTTP.
 */
@ApplicationScoped
public class BlockPool {
    private final int parallelism;
    private final ExecutorService executor;

    BlockPool(Harmony4Config config) {
        this.parallelism = config.container().parallelism().orElse(Runtime.getRuntime().availableProcessors());
        AtomicInteger n = new AtomicInteger();
        // Threads start on first use, so an idle process holds none.
        this.executor = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "harmony4-blocks-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void shutdown() {
        executor.shutdownNow();
    }

    /** Whether the pool still takes work. */
    public boolean accepting() {
        return !executor.isShutdown();
    }

    /** Blocks one request may have in flight at once; also the number of threads. */
    int parallelism() {
        return parallelism;
    }

    Executor executor() {
        return executor;
    }
}
