package io.harmony4.rest;

import io.harmony4.config.ActiveEngine;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;

/**
 * The service's own metrics at {@code /q/metrics}, tagged by endpoint and the serving engine:
 * {@code harmony4_bytes_in_total}, {@code harmony4_bytes_out_total}, {@code harmony4_requests_seconds} (count and
 * latency, by outcome), {@code harmony4_compression_ratio}, and {@code harmony4_engine_fallback} (1 while the
 * reference engine serves because the core could not).
 */
@ApplicationScoped
public class ServiceMetrics {
    private final MeterRegistry registry;
    private final String engine;

    ServiceMetrics(MeterRegistry registry, ActiveEngine active) {
        this.registry = registry;
        this.engine = active.engine().info().id();
        Gauge.builder("harmony4.engine.fallback", active, a -> a.fallbackReason().isPresent() ? 1 : 0)
                .description("1 while the reference engine serves because the core could not be used")
                .tag("engine", engine)
                .tag("mode", active.mode())
                .register(registry);
    }

    /** Bytes read and written by a successful request. */
    void transferred(String endpoint, long in, long out) {
        registry.counter("harmony4.bytes.in", "endpoint", endpoint, "engine", engine).increment(in);
        registry.counter("harmony4.bytes.out", "endpoint", endpoint, "engine", engine).increment(out);
        if (endpoint.equals("compress") && in > 0 && out > 0) {
            DistributionSummary.builder("harmony4.compression.ratio")
                    .description("content bytes per container byte, per compress request")
                    .tag("engine", engine)
                    .register(registry)
                    .record((double) in / out);
        }
    }

    /** One request's latency, by endpoint and outcome ({@code ok} or the problem type's name). */
    void request(String endpoint, String outcome, long nanos) {
        Timer.builder("harmony4.requests")
                .description("requests to the /v1 API by endpoint, engine and outcome")
                .tag("endpoint", endpoint)
                .tag("engine", engine)
                .tag("outcome", outcome)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
