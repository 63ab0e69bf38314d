package io.harmony4.rest.ingest;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;

/**
 * Places the {@link SocketIntake} in each HTTP/1.1 connection from a route that runs before every other one, while
 * Vert.x routes the request as it reads its head (synchronously, before any of the body reached Vert.x), and arms it
 * for the bodies that the ingest takes: {@code POST /v1/compress}, {@code /v1/decompress},
 * {@code /v1/messages/compress}, {@code /v1/messages/decompress} and {@code /bench/echo}.
 * With {@code harmony4.http.direct-intake=false} there is no such route, and every body goes through Vert.x.
 */
@ApplicationScoped
public class DirectIntakeRoute {
    /** The paths whose bodies the ingest takes from the socket. */
    static final Set<String> PATHS = Set.of("/v1/compress", "/v1/decompress", "/v1/messages/compress",
            "/v1/messages/decompress", "/bench/echo");

    private final DirectIntakeConfig config;

    DirectIntakeRoute(DirectIntakeConfig config, MeterRegistry registry) {
        this.config = config;
        Gauge.builder("harmony4.http.intake.buffers", IntakeCounts::buffersHeld)
                .description("Socket buffers of request bodies held by the direct intake and its ingests")
                .register(registry);
        FunctionCounter.builder("harmony4.http.intake.bodies", this, route -> IntakeCounts.bodies())
                .description("Request bodies taken from the socket by the direct intake")
                .register(registry);
    }

    void install(@Observes Router router) {
        if (!config.directIntake()) {
            return;
        }
        router.route().order(Integer.MIN_VALUE).handler(exchange -> {
            SocketIntake.route(exchange, exchange.request().method() == HttpMethod.POST
                    && PATHS.contains(exchange.request().path()));
            exchange.next();
        });
    }
}
