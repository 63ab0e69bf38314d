package io.harmony4.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Blocking work on a request body that the HTTP layer feeds on its event loop: the work reads the body as an
 * {@link InputStream} ({@link BodyStream}) on a virtual thread of its own, so that neither a worker thread is woken
 * per socket read nor the event loop blocked. Once the work is done, the rest of the body is dropped as it arrives.
 *
 * @param <T> what the work makes of the body
 */
public final class BodyReader<T> implements BodyIngest<T> {
    /** What is done with the body; it runs until the body ends or fails. */
    @FunctionalInterface
    public interface Work<T> {
        T read(InputStream body) throws IOException;
    }

    private final BodyStream body;
    private final CompletableFuture<T> result = new CompletableFuture<>();

    private BodyReader(BodyStream body) {
        this.body = body;
    }

    /**
     * Starts {@code work} on a body of at most {@code maxRequestSize} bytes.
     *
     * @param resume run when a refused buffer may be offered again ({@link #retry()})
     */
    static <T> BodyReader<T> start(long maxRequestSize, Runnable resume, Work<T> work) {
        BodyReader<T> reader = new BodyReader<>(new BodyStream(maxRequestSize, resume));
        Thread.ofVirtual().name("harmony4-body-reader").start(() -> {
            try {
                reader.result.complete(work.read(reader.body));
            } catch (Throwable e) {
                reader.result.completeExceptionally(e);
            } finally {
                reader.body.discard();
            }
        });
        return reader;
    }

    @Override
    public boolean take(ByteBuffer buffer, Runnable release) {
        return body.take(buffer, release);
    }

    @Override
    public boolean retry() {
        return body.retry();
    }

    @Override
    public void end() {
        body.end();
    }

    @Override
    public void fail(Throwable cause) {
        body.fail(cause);
    }

    @Override
    public CompletionStage<T> result() {
        return result;
    }
}
