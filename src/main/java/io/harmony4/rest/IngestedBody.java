package io.harmony4.rest;

import io.harmony4.rest.ingest.ArmedBody;
import io.harmony4.rest.ingest.BodySink;
import io.harmony4.rest.ingest.SocketIntake;
import io.harmony4.service.BodyIngest;
import io.harmony4.service.CompressOptions;
import io.harmony4.service.ContainerService;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Feeds a request's body to a {@link BodyIngest} on the event loop, buffer by buffer as the socket delivers them
 * (Netty's pooled direct buffers, through the {@link SocketIntake} armed for this request), or, where that does not
 * apply (HTTP/2, the intake switched off), as Vert.x delivers them, instead of through a blocking stream on a worker
 * thread (which Vert.x wakes for every chunk): the socket is paused while the ingest holds all it may, so a client
 * that sends faster than the work goes, or stops sending, holds no more memory than that ({@code /v1/compress}: its
 * blocks in flight; {@code /v1/decompress}: a queue of about a block, and its blocks being decoded).
 */
final class IngestedBody implements BodySink {
    private final HttpServerRequest request;
    private final Context context;
    /** The body as the socket delivers it, or null when it comes through Vert.x. */
    private final ArmedBody direct;
    private BodyIngest<?> ingest;
    private boolean failed;

    private IngestedBody(HttpServerRequest request, Context context, ArmedBody direct) {
        this.request = request;
        this.context = context;
        this.direct = direct;
    }

    /** {@code /v1/compress}: the body into blocks as it arrives ({@link ContainerService#startCompression}). */
    static <R> CompletionStage<R> compress(HttpServerRequest request, ContainerService service,
            CompressOptions options, Function<ContainerService.Compressed, R> respond) {
        return ingest(request, resume -> service.startCompression(options, declaredLength(request), resume), respond);
    }

    /**
     * Starts the ingest that {@code start} makes (given the callback that resumes the socket) on the body of
     * {@code request}, which the caller has not read, on its event loop; the answer is made there by {@code respond}
     * once the ingest's result is ready. {@code respond} runs even when the stage returned was cancelled (Quarkus
     * REST cancels it when the client leaves), so that it can release the result.
     */
    static <T, R> CompletionStage<R> ingest(HttpServerRequest request, Function<Runnable, BodyIngest<T>> start,
            Function<T, R> respond) {
        Context context = Vertx.currentContext();
        BodyIngest<T> ingest = feed(request, start);
        // answered on the event loop, where the response is made
        CompletableFuture<R> answer = new CompletableFuture<>();
        ingest.result().whenComplete((result, failure) -> context.runOnContext(v -> {
            if (failure != null) {
                answer.completeExceptionally(failure);
                return;
            }
            try {
                answer.complete(respond.apply(result));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        }));
        return answer;
    }

    /**
     * Feeds the body of {@code request}, which the caller has not read, to the ingest {@code start} makes (given what
     * to run when a refused buffer may be offered again), on the request's event loop; the caller takes its result.
     */
    static <I extends BodyIngest<?>> I feed(HttpServerRequest request, Function<Runnable, I> start) {
        IngestedBody body = new IngestedBody(request, Vertx.currentContext(), SocketIntake.claim(request));
        I ingest = start.apply(body::resumeOnEventLoop);
        body.ingest = ingest;
        request.exceptionHandler(body::fail); // the client left mid-body
        continueIfExpected(request);
        if (body.direct != null) {
            body.direct.attach(body); // Vert.x, resumed below, sees the request's end with no body
        } else {
            request.handler(body::take);
            request.endHandler(done -> body.end());
        }
        request.resume();
        return ingest;
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

    /**
     * The body's {@code Content-Length}, or -1 when it is sent in chunks: as {@link SocketIntake} read it when it takes
     * the body from the socket.
     */
    static long declaredLength(HttpServerRequest request) {
        return SocketIntake.declaredLength(request);
    }

    /** A socket buffer of the body, from the intake: given back once the ingest copied it, or dropped. */
    @Override
    public boolean take(ByteBuf content) {
        if (failed) {
            direct.release(content);
            return true;
        }
        try {
            return ingest.take(content.nioBuffer(), () -> direct.release(content));
        } catch (RuntimeException e) {
            direct.release(content);
            fail(e);
            return true;
        }
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

    @Override
    public void end() {
        if (!failed) {
            ingest.end();
        }
    }

    @Override
    public void fail(Throwable cause) {
        if (!failed) {
            failed = true;
            ingest.fail(cause);
            resumeBody(); // the rest of the body is dropped as it comes
        }
    }

    private void resumeOnEventLoop() {
        context.runOnContext(v -> {
            if (!failed && ingest.retry()) {
                resumeBody();
            }
        });
    }

    /** Lets the socket read on, through the intake that paused it or through Vert.x. */
    private void resumeBody() {
        if (direct != null) {
            direct.resume();
        } else {
            request.resume();
        }
    }
}
