package io.harmony4.rest;

import io.harmony4.rest.ingest.ArmedBody;
import io.harmony4.rest.ingest.BodySink;
import io.harmony4.rest.ingest.SocketIntake;
import io.harmony4.service.ContainerService;
import io.harmony4.service.HeldBody;
import io.netty.buffer.ByteBuf;
import io.quarkus.arc.properties.IfBuildProperty;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code POST /bench/echo}: the body back, with no codec, so that bench/http.sh can show what HTTP alone costs. On
 * HTTP/1.1 the body's socket buffers are held as they came ({@link SocketIntake}: Netty's pooled direct buffers) and
 * written back as they are, with no copy either way; elsewhere (HTTP/2, the intake switched off) the body is taken
 * as {@code /v1/compress} takes it, each buffer copied once into block arrays. Either way {@code Expect:
 * 100-continue} is answered, the request size limit kept, and the body held within the memory budget that held
 * results share (socket buffers counted at their capacity), and the answer is sent as verified content held in
 * memory is sent ({@link HeldSegmentsWriter}: one segment at a time, without a copy in Java).
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
        ArmedBody direct = SocketIntake.claim(request);
        if (direct != null) {
            HeldSocketBuffers held = new HeldSocketBuffers(body, direct, answer);
            exchange.addEndHandler(done -> held.releaseUnwritten());
            IngestedBody.continueIfExpected(request);
            direct.attach(held);
            request.resume(); // Vert.x sees the request's end, with no body
            return answer;
        }
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

    /**
     * The body's socket buffers, kept as they came within the budget ({@link HeldBody#count}), and the answer made
     * of them once the body ended. Until the answer is written they are given back when the exchange ends.
     */
    private static final class HeldSocketBuffers implements BodySink {
        private final HeldBody body;
        private final ArmedBody direct;
        private final CompletableFuture<HeldSegments> answer;
        private final List<ByteBuf> buffers = new ArrayList<>();
        /** The buffer the last one counted is a view of: one socket read's memory is counted once. */
        private ByteBuf lastCounted;
        private HeldSegments segments;

        HeldSocketBuffers(HeldBody body, ArmedBody direct, CompletableFuture<HeldSegments> answer) {
            this.body = body;
            this.direct = direct;
            this.answer = answer;
        }

        @Override
        public boolean take(ByteBuf content) {
            if (answer.isDone()) {
                direct.release(content); // the rest of a refused body is dropped, so that the answer can be sent
                return true;
            }
            try {
                ByteBuf memory = content.unwrap() != null ? content.unwrap() : content;
                body.count(content.readableBytes(), memory == lastCounted ? 0 : memory.capacity());
                lastCounted = memory;
                buffers.add(content);
            } catch (RuntimeException e) {
                direct.release(content);
                fail(e);
            }
            return true;
        }

        @Override
        public void end() {
            if (!answer.isDone()) {
                segments = new HeldSegments(buffers, body.size(), direct::release);
                answer.complete(segments);
            }
        }

        @Override
        public void fail(Throwable cause) {
            answer.completeExceptionally(cause);
            if (segments == null) {
                buffers.forEach(direct::release);
                buffers.clear();
            }
        }

        void releaseUnwritten() {
            if (segments != null) {
                segments.releaseUnwritten();
            } else {
                fail(new IOException("the exchange ended"));
            }
        }
    }
}
