package io.harmony4.rest;

import io.harmony4.service.ContainerService;
import io.quarkus.arc.properties.IfBuildProperty;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
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
 * {@code sendfile} as {@code /v1/decompress} (and {@code /v1/compress} until it read its body on the event loop) but
 * with no codec, so that bench/http.sh can show what HTTP alone costs.
 * It must be served by the packaged app that bench/http.sh measures, next to the API it is the baseline of; so it is
 * there only in a build made with {@code -Dbench.echo=true} (bench/http.sh makes its own), and a production
 * build has no such route (404). Not part of the API, so not in the OpenAPI document.
 */
@Path("/bench/echo")
@IfBuildProperty(name = "bench.echo", stringValue = "true")
public class EchoResource {
    private final ContainerService service;

    EchoResource(ContainerService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_OCTET_STREAM, Problem.MEDIA_TYPE})
    @Operation(hidden = true)
    public Response echo(InputStream body, @Context RoutingContext exchange) throws IOException {
        return Responses.body(service.receive(body), MediaType.APPLICATION_OCTET_STREAM, exchange).build();
    }
}
