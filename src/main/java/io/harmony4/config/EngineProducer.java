package io.harmony4.config;

import io.harmony4.container.EngineSet;
import io.harmony4.engine.CompressionEngine;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the one engine of the application at start-up, so a bad {@code core} setting stops the start. */
@Singleton
@Startup
public class EngineProducer {
    private final ActiveEngine active;

    EngineProducer(Harmony4Config config) {
        this.active = EngineSelector.select(config);
    }

    @Produces
    @Singleton
    ActiveEngine activeEngine() {
        return active;
    }

    @Produces
    @Singleton
    CompressionEngine engine() {
        return active.engine();
    }

    /** What readers decode blocks with. */
    @Produces
    @Singleton
    EngineSet decoders() {
        return active.decoders();
    }

    @PreDestroy
    void close() throws Exception {
        if (active.engine() instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
