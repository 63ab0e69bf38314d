package io.harmony4.service;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

/**
 * A request body that the HTTP layer feeds on its event loop, buffer by buffer as the socket delivers them, and the
 * result it becomes. The HTTP layer pauses the socket when {@link #take} answers false and resumes it once the
 * {@code resume} callback given at the start ran and {@link #retry()} answered true: so a client that sends faster
 * than the work goes, or stops sending, holds a bounded amount of memory.
 *
 * @param <T> what the body becomes
 */
public interface BodyIngest<T> {
    /**
     * Takes the next buffer, which the caller gives up.
     *
     * @return false when no more should be offered until {@code resume} ran and {@link #retry()} answered true
     * @throws RequestTooLargeException once the body passes the request size limit
     */
    boolean take(ByteBuffer buffer);

    /** On the event loop, after {@code resume} ran: true when buffers may be offered again. */
    boolean retry();

    /** The body is complete. */
    void end();

    /** The body will not complete (the client left, or it was refused): the work stops and frees what it holds. */
    void fail(Throwable cause);

    /** What the body became; fails as the request does. */
    CompletionStage<T> result();
}
