package io.harmony4.health;

import io.harmony4.config.ActiveEngine;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Startup;

/**
 * Started once the engine is chosen and has passed its first self-test (the producer does both before the
 * application starts; in {@code core} mode a core that cannot serve stops the start instead).
 */
@Startup
@ApplicationScoped
public class EngineStartupCheck implements HealthCheck {
    private final ActiveEngine active;

    EngineStartupCheck(ActiveEngine active) {
        this.active = active;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("engine-initialised");
        EngineReadinessCheck.describe(response, active);
        return response.up().build();
    }
}
