package io.harmony4.rest;

import io.harmony4.service.ContainerService;
import io.harmony4.service.HeldBody;
import io.quarkus.arc.properties.IfBuildProperty;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code POST /bench/echo}: the body back, with no codec, so that bench/http.sh can show what HTTP alone costs. The
 * body is taken as {@code /v1/compress} takes it (on the event loop, each buffer copied once into block arrays,
 * {@code Expect: 100-continue} answered, the request size limit kept; bodies held within the memory budget that held
 * results share) and the answer is sent from those arrays as verified content held in memory is sent
 * ({@link HeldSegmentsWriter}: each wrapped, one at a time, without a copy in Java).
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
    public CompletionStage<HeldSegments> echo(@Context RoutingContext exchange) {
        HttpServerRequest request = exchange.request();
        HeldBody body = service.holdBody(IngestedBody.declaredLength(request));
        exchange.addEndHandler(done -> body.release());
        CompletableFuture<HeldSegments> answer = new CompletableFuture<>();
        request.handler(buffer -> {
            if (answer.isDone()) {
                return; // the rest of a refused body is read and dropped, so that the answer can be sent
            }
            try {
                body.take(buffer.getByteBuf().nioBuffer());
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        request.exceptionHandler(answer::completeExceptionally); // the client left mid-body
        request.endHandler(done -> answer.complete(new HeldSegments(body.blocks(), body.size())));
        IngestedBody.continueIfExpected(request);
        request.resume();
        return answer;
    }
}
