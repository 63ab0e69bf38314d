package io.harmony4.health;

import io.harmony4.config.ActiveEngine;
import io.harmony4.engine.EngineInfo;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the active engine passes its periodic self-test; reports which engine serves and why. */
@Readiness
@ApplicationScoped
public class EngineReadinessCheck implements HealthCheck {
    private final ActiveEngine active;
    private final EngineSelfTestSchedule selfTest;

    EngineReadinessCheck(ActiveEngine active, EngineSelfTestSchedule selfTest) {
        this.active = active;
        this.selfTest = selfTest;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("engine");
        describe(response, active);
        Optional<String> failure = selfTest.lastFailure();
        failure.ifPresent(f -> response.withData("selfTest", f));
        return response.status(failure.isEmpty()).build();
    }

    static void describe(HealthCheckResponseBuilder response, ActiveEngine active) {
        EngineInfo info = active.engine().info();
        response.withData("id", info.id())
                .withData("version", info.version())
                .withData("codec", info.codec());
        info.kernels().ifPresent(kernels -> response.withData("kernels", kernels));
        response.withData("mode", active.mode())
                .withData("requested", active.requested().name().toLowerCase(Locale.ROOT));
        active.fallbackReason().ifPresent(reason -> response.withData("fallbackReason", reason));
    }
}
