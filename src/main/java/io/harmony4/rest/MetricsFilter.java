package io.harmony4.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Times every /v1 request, problems included, for {@link ServiceMetrics#request}. */
public class MetricsFilter {
    private static final String START = "harmony4.start";
    private static final java.util.Set<String> ENDPOINTS = java.util.Set.of("compress", "decompress", "verify",
            "inspect", "engine");

    private final ServiceMetrics metrics;

    MetricsFilter(ServiceMetrics metrics) {
        this.metrics = metrics;
    }

    @ServerRequestFilter
    public void start(ContainerRequestContext request) {
        request.setProperty(START, System.nanoTime());
    }

    @ServerResponseFilter
    public void end(ContainerRequestContext request, ContainerResponseContext response) {
        Object start = request.getProperty(START);
        String path = request.getUriInfo().getPath();
        if (!(start instanceof Long t) || !path.startsWith("/v1/")) {
            return;
        }
        String endpoint = path.substring("/v1/".length());
        if (!ENDPOINTS.contains(endpoint)) {
            endpoint = "other";
        }
        String outcome = response.getEntity() instanceof Problem p
                ? p.type().substring(p.type().lastIndexOf(':') + 1)
                : response.getStatus() < 400 ? "ok" : "http-" + response.getStatus();
        metrics.request(endpoint, outcome, System.nanoTime() - t);
    }
}
