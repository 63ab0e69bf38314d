package io.harmony4.rest;

import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Counts every problem the API answers with, by type, whichever mapper made it. Latency and status per endpoint are
 * Quarkus's own {@code http_server_requests_seconds}, tagged with the engine by {@link HttpServerMetricsTags}.
 */
public class ProblemMetricsFilter {
    private final ServiceMetrics metrics;

    ProblemMetricsFilter(ServiceMetrics metrics) {
        this.metrics = metrics;
    }

    @ServerResponseFilter
    public void count(ContainerResponseContext response) {
        if (response.getEntity() instanceof Problem problem) {
            metrics.problem(problem.type());
        }
    }
}
