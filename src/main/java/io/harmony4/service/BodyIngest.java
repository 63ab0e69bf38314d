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
     * Takes the next buffer, which the caller gives up; {@code release} runs, once, on any thread, when its bytes are
     * no longer needed (copied, or dropped because the body failed): the HTTP layer then gives the socket's buffer
     * back to its pool. When this throws, the buffer was not taken and {@code release} does not run.
     *
     * @return false when no more should be offered until {@code resume} ran and {@link #retry()} answered true
     * @throws RequestTooLargeException once the body passes the request size limit
     */
    boolean take(ByteBuffer buffer, Runnable release);

    /** {@link #take(ByteBuffer, Runnable)} for a buffer that needs no release (a heap array). */
    default boolean take(ByteBuffer buffer) {
        return take(buffer, () -> {});
    }

    /** On the event loop, after {@code resume} ran: true when buffers may be offered again. */
    boolean retry();

    /** The body is complete. */
    void end();

    /**
     * The body will not complete (the client left, or it was refused), or the exchange ended: the work stops if it
     * still runs, and buffers taken and not released yet are released.
     */
    void fail(Throwable cause);

    /** What the body became; fails as the request does. */
    CompletionStage<T> result();
}
