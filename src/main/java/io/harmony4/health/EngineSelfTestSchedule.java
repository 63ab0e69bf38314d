package io.harmony4.health;

import io.harmony4.config.ActiveEngine;
import io.harmony4.engine.CompressionException;
import io.harmony4.engine.EngineSelfTest;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Re-runs the engine self-test every {@code harmony4.health.self-test-interval}, so readiness probes read a recent
 * result instead of compressing on every probe. The first result is the start-up self-test: no ActiveEngine exists
 * unless its engine passed it (EngineSelector).
 */
@ApplicationScoped
public class EngineSelfTestSchedule {
    private final ActiveEngine active;
    private final AtomicReference<Optional<String>> lastFailure = new AtomicReference<>(Optional.empty());

    EngineSelfTestSchedule(ActiveEngine active) {
        this.active = active;
    }

    @Scheduled(every = "${harmony4.health.self-test-interval}", delayed = "${harmony4.health.self-test-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            EngineSelfTest.run(active.engine());
            lastFailure.set(Optional.empty());
        } catch (CompressionException e) {
            lastFailure.set(Optional.of(e.getMessage()));
        }
    }

    /** Why the last self-test failed; empty while it passes. */
    public Optional<String> lastFailure() {
        return lastFailure.get();
    }
}
