package io.harmony4.rest;

import io.harmony4.config.Harmony4Config;
import io.harmony4.service.ContainerService;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code POST /bench/echo}: the body back, through the same worker thread, request limit, spool and
 * {@code sendfile} as {@code /v1/compress} but with no codec, so that bench/http.sh can show what HTTP alone costs.
 * Answers 404 unless {@code harmony4.bench.echo} is on; not part of the API, so not in the OpenAPI document.
 */
@Path("/bench/echo")
public class EchoResource {
    private final ContainerService service;
    private final boolean enabled;

    EchoResource(ContainerService service, Harmony4Config config) {
        this.service = service;
        this.enabled = config.bench().echo();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_OCTET_STREAM, Problem.MEDIA_TYPE})
    @Operation(hidden = true)
    public Response echo(InputStream body, @Context RoutingContext exchange) throws IOException {
        if (!enabled) {
            throw new NotFoundException();
        }
        return Responses.body(service.receive(body), MediaType.APPLICATION_OCTET_STREAM, exchange).build();
    }
}
