package io.harmony4.health;

import io.harmony4.rest.ContainerService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the block pool that every request needs still accepts work. Independent of the engine's health. */
@Liveness
@ApplicationScoped
public class BlockPoolLivenessCheck implements HealthCheck {
    private final ContainerService service;

    BlockPoolLivenessCheck(ContainerService service) {
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("block-pool").status(service.accepting()).build();
    }
}
