package io.harmony4.health;

import io.harmony4.config.ActiveEngine;
import io.harmony4.engine.CompressionException;
import io.harmony4.engine.EngineInfo;
import io.harmony4.engine.EngineSelfTest;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the active engine passes its self-test; reports which engine serves and why. */
@Readiness
@ApplicationScoped
public class EngineReadinessCheck implements HealthCheck {
    private final ActiveEngine active;

    EngineReadinessCheck(ActiveEngine active) {
        this.active = active;
    }

    @Override
    public HealthCheckResponse call() {
        EngineInfo info = active.engine().info();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("engine")
                .withData("id", info.id())
                .withData("version", info.version())
                .withData("codec", info.codec())
                .withData("mode", active.mode())
                .withData("requested", active.requested().name().toLowerCase(java.util.Locale.ROOT));
        active.fallbackReason().ifPresent(reason -> response.withData("fallbackReason", reason));
        try {
            EngineSelfTest.run(active.engine());
            return response.up().build();
        } catch (CompressionException e) {
            return response.withData("selfTest", e.getMessage()).down().build();
        }
    }
}
