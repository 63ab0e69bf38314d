package io.harmony4.health;

import io.harmony4.service.BlockPool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the block pool that every request needs still accepts work. Independent of the engine's health. */
@Liveness
@ApplicationScoped
public class BlockPoolLivenessCheck implements HealthCheck {
    private final BlockPool pool;

    BlockPoolLivenessCheck(BlockPool pool) {
        this.pool = pool;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("block-pool").status(pool.accepting()).build();
    }
}
