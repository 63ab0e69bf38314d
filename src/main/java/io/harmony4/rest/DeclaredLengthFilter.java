package io.harmony4.rest;

import io.harmony4.service.ContainerService;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.BadRequestException;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a body whose declared {@code Content-Length} is above the request size limit before any of it is read.
 * Bodies without one (chunked) are stopped by the service as they stream.
 */
public class DeclaredLengthFilter {
    private final ContainerService service;

    DeclaredLengthFilter(ContainerService service) {
        this.service = service;
    }

    @ServerRequestFilter
    public void refuseDeclaredOversize(HttpServerRequest request) {
        String declared = request.getHeader("Content-Length");
        if (declared == null) {
            return;
        }
        try {
            service.checkDeclaredLength(Long.parseLong(declared.trim()));
        } catch (NumberFormatException e) {
            throw new BadRequestException("Content-Length is not a number: '" + declared + "'");
        }
    }
}
