package io.harmony4.rest;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A streamed answer's body as an {@link OutputStream}, for the thread that makes it (never the event loop): each write
 * hands Vert.x the caller's bytes wrapped, not copied, and returns once Netty has written them to the socket. So the
 * caller may reuse its array at once (a raw block's chunk is the request's recycled block array), the response's
 * queue never holds more than one buffer, and a reader that does not read stops the writer: that wait is the
 * backpressure. A client that leaves fails the write in progress and every later one.
 */
final class ResponseChannel extends OutputStream {
    private final CompletableFuture<HttpServerResponse> attached = new CompletableFuture<>();
    /** Completes, exceptionally, when the answer can no longer be sent: the client left, or the answer was cut. */
    private final CompletableFuture<Void> gone = new CompletableFuture<>();
    private final AtomicLong written = new AtomicLong();

    /** The response is ready for the body (status and headers set): writes waiting for it go. */
    void attach(HttpServerResponse response) {
        attached.complete(response);
        if (gone.isDone()) {
            response.reset(); // the answer failed before it began: close the connection
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    /** Waits for the response to be ready, then writes {@code b[off, off + len)} as {@link #write(ByteBuf, Runnable)}. */
    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return;
        }
        await(attached);
        write(Unpooled.wrappedBuffer(b, off, len), NOTHING_TO_GIVE_BACK);
    }

    private static final Runnable NOTHING_TO_GIVE_BACK = () -> {};

    /**
     * Hands {@code buffer}'s readable bytes to the connection without copying them (direct memory goes to the socket
     * as it is) and returns at once, from any thread; {@code done} runs once, when Netty is done with the buffer,
     * written or not, or at once when the response refused it. The stage completes once the bytes were written, and
     * fails when they cannot be (the client left, the answer was cut).
     */
    CompletableFuture<Void> send(ByteBuf buffer, Runnable done) {
        int length = buffer.readableBytes();
        CompletableFuture<Void> sent = new CompletableFuture<>();
        HttpServerResponse response = attached.getNow(null);
        if (response == null || gone.isDone()) {
            done.run();
            sent.completeExceptionally(gone.isDone() ? gone.exceptionNow()
                    : new IllegalStateException("the answer has not started"));
            return sent;
        }
        try {
            // Vert.x hands Netty an unreleasable view of a buffer that is not its own: given back in the handler
            response.write(Buffer.buffer(buffer), result -> {
                done.run();
                if (result.succeeded()) {
                    written.addAndGet(length);
                    sent.complete(null);
                } else {
                    sent.completeExceptionally(result.cause());
                }
            });
        } catch (RuntimeException e) { // the response is closed: the handler never runs
            done.run();
            sent.completeExceptionally(e);
        }
        return sent;
    }

    /** As {@link #send}, then waits until the bytes were written: a reader that does not read stops the caller. */
    void write(ByteBuf buffer, Runnable done) throws IOException {
        awaitSent(send(buffer, done));
    }

    /** Waits until a {@link #send} is written; throws once the client left or the answer was cut. */
    void awaitSent(CompletableFuture<Void> sent) throws IOException {
        await(sent);
    }

    /** Body bytes sent so far. */
    long written() {
        return written.get();
    }

    /** Ends the answer, with the trailer given when the body is chunked; waits until it is sent. */
    void end(String trailer, String value) throws IOException {
        HttpServerResponse response = await(attached);
        if (trailer != null) {
            response.trailers().add(trailer, value);
        }
        try {
            // not raced against gone: the exchange's end handlers, which say the client left, run as the end starts
            response.end().toCompletionStage().toCompletableFuture().get();
        } catch (IllegalStateException | ExecutionException e) {
            throw leftMidAnswer(e instanceof ExecutionException ? e.getCause() : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while ending a streamed answer");
        }
    }

    /**
     * Cuts the answer short: the connection closes without the rest (no last chunk, or fewer bytes than its
     * Content-Length), which is how HTTP/1.1 says that an answer is incomplete. Any thread; more than once is fine.
     */
    void abort(Throwable cause) {
        gone.completeExceptionally(cause);
        HttpServerResponse response = attached.getNow(null);
        if (response != null && !response.ended()) {
            response.reset();
        }
    }

    /** The connection ended before the answer did (the client left): the writer stops at its next write. */
    void clientLeft() {
        gone.completeExceptionally(new IOException("the client closed the connection mid-answer"));
    }

    private <T> T await(CompletableFuture<T> step) throws IOException {
        try {
            CompletableFuture.anyOf(step, gone).get(); // throws once gone
            return step.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending a streamed answer");
        } catch (ExecutionException | java.util.concurrent.CompletionException e) {
            throw leftMidAnswer(e.getCause());
        }
    }

    private static IOException leftMidAnswer(Throwable cause) {
        return cause instanceof IOException io ? io : new IOException("the answer could not be sent: " + cause, cause);
    }
}
