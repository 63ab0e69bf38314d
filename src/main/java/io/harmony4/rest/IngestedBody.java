package io.harmony4.rest;

import io.harmony4.service.CompressOptions;
import io.harmony4.service.CompressionIngest;
import io.harmony4.service.ContainerService;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Feeds a request's body to a {@link CompressionIngest} on the event loop, buffer by buffer as Vert.x delivers them,
 * instead of through a blocking stream on a worker thread (which Vert.x wakes for every chunk): the socket is paused
 * while all of the request's block arrays are in use, so a client that sends faster than blocks compress, or stops
 * sending, holds no more memory than its blocks in flight.
 */
final class IngestedBody {
    private final HttpServerRequest request;
    private final Context context;
    private CompressionIngest ingest;
    private boolean failed;

    private IngestedBody(HttpServerRequest request, Context context) {
        this.request = request;
        this.context = context;
    }

    /**
     * Starts compressing the body of {@code request}, which the caller has not read, on its event loop; the answer is
     * made there by {@code respond} once the container is complete. {@code respond} runs even when the stage returned
     * was cancelled (Quarkus REST cancels it when the client leaves), so that it can release the result.
     */
    static <R> CompletionStage<R> compress(HttpServerRequest request, ContainerService service,
            CompressOptions options, Function<ContainerService.Compressed, R> respond) {
        IngestedBody body = feedBody(request, resume -> service.startCompression(options, declaredLength(request),
                resume));
        // answered on the event loop, where the response is made
        CompletableFuture<R> answer = new CompletableFuture<>();
        body.ingest.result().whenComplete((compressed, failure) -> body.context.runOnContext(v -> {
            if (failure != null) {
                answer.completeExceptionally(failure);
                return;
            }
            try {
                answer.complete(respond.apply(compressed));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        }));
        return answer;
    }

    /**
     * Feeds the body of {@code request}, which the caller has not read, to the ingest {@code start} makes (given what
     * to run when a refused buffer may be offered again), on the request's event loop.
     */
    static CompressionIngest feed(HttpServerRequest request, Function<Runnable, CompressionIngest> start) {
        return feedBody(request, start).ingest;
    }

    private static IngestedBody feedBody(HttpServerRequest request, Function<Runnable, CompressionIngest> start) {
        IngestedBody body = new IngestedBody(request, Vertx.currentContext());
        body.ingest = start.apply(body::resumeOnEventLoop);
        request.handler(body::take);
        request.exceptionHandler(body::fail); // the client left mid-body
        request.endHandler(done -> body.end());
        continueIfExpected(request);
        request.resume();
        return body;
    }

    /**
     * Answers {@code Expect: 100-continue}: curl and other clients wait for it (curl for a second) before they send a
     * large body; Quarkus REST sends it only when it reads a body itself.
     */
    static void continueIfExpected(HttpServerRequest request) {
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            request.response().writeContinue();
        }
    }

    static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        // DeclaredLengthFilter has refused a length that is not a number or too large
        return length == null ? -1 : Long.parseLong(length.trim());
    }

    private void take(Buffer buffer) {
        if (failed) {
            return; // the rest of a refused body is read and dropped, so that the answer can be sent
        }
        try {
            if (!ingest.take(buffer.getByteBuf().nioBuffer())) {
                request.pause();
            }
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void end() {
        if (!failed) {
            ingest.end();
        }
    }

    private void fail(Throwable cause) {
        if (!failed) {
            failed = true;
            ingest.fail(cause);
            request.resume();
        }
    }

    private void resumeOnEventLoop() {
        context.runOnContext(v -> {
            if (!failed && ingest.retry()) {
                request.resume();
            }
        });
    }
}
