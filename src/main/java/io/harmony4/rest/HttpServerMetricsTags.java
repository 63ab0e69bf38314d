package io.harmony4.rest;

import io.harmony4.config.ActiveEngine;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Adds the serving engine to Quarkus's {@code http_server_requests_seconds}, so latency can be read per engine. */
@Singleton
public class HttpServerMetricsTags {
    static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    @Produces
    @Singleton
    MeterFilter engineTag(ActiveEngine active) {
        Tag engine = Tag.of("engine", active.engine().info().id());
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().equals(HTTP_SERVER_REQUESTS) ? id.withTag(engine) : id;
            }
        };
    }
}
