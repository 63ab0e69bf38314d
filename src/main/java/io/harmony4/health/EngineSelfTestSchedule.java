package io.harmony4.health;

import io.harmony4.config.ActiveEngine;
import io.harmony4.engine.CompressionException;
import io.harmony4.engine.EngineSelfTest;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the engine self-test at start-up and then every {@code harmony4.health.self-test-interval}, so readiness
 * probes read a recent result instead of compressing on every probe.
 */
@ApplicationScoped
public class EngineSelfTestSchedule {
    private final ActiveEngine active;
    private final AtomicReference<Optional<String>> lastFailure = new AtomicReference<>();

    EngineSelfTestSchedule(ActiveEngine active) {
        this.active = active;
        run();
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
