package io.harmony4.service;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A message's body fed by the HTTP layer on its event loop, buffer by buffer, into one array: of the declared
 * {@code Content-Length} when there is one, so that a message is copied once from the socket's buffers and never
 * again; else grown as the chunks come. A body that passes the limit fails as soon as its bytes do, so a client
 * cannot make the service hold more than a message: the rest of it is dropped as it comes.
 */
public final class MessageIngest implements BodyIngest<byte[]> {
    /** The first array of a body sent in chunks: a message is small. */
    private static final int FIRST_ARRAY = 4 * 1024;

    private final long limit;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private byte[] bytes;
    private int size;

    /**
     * A body of {@code declaredLength} bytes ({@code -1}: sent in chunks) for a message of at most {@code limit}.
     *
     * @throws SizeLimitException when the declared length is above the limit: refused before a byte is read
     */
    public MessageIngest(long limit, long declaredLength) {
        this.limit = limit;
        if (declaredLength > limit) {
            throw tooLarge(limit);
        }
        this.bytes = new byte[declaredLength >= 0 ? (int) declaredLength : (int) Math.min(FIRST_ARRAY, limit)];
    }

    /** The problem of a message over {@code limit}, which belongs in a container. */
    static SizeLimitException tooLarge(long limit) {
        return new SizeLimitException(SizeLimitException.Subject.MESSAGE, limit, "the message is larger than this "
                + "endpoint takes; send larger content to POST /v1/compress, which streams it into a container");
    }

    /** Copies the buffer and gives it back at once: a message never makes the socket wait. */
    @Override
    public boolean take(ByteBuffer buffer, Runnable release) {
        int n = buffer.remaining();
        if (size + (long) n > limit) {
            throw tooLarge(limit); // not taken: the caller gives the buffer back
        }
        if (size + n > bytes.length) {
            // a chunked body, or one longer than it declared (the intake refuses that one at its end)
            bytes = Arrays.copyOf(bytes, (int) Math.min(limit, Math.max(size + n, 2L * bytes.length)));
        }
        buffer.get(bytes, size, n);
        size += n;
        release.run();
        return true;
    }

    /** Never paused: {@link #take} always has room. */
    @Override
    public boolean retry() {
        return true;
    }

    @Override
    public void end() {
        result.complete(size == bytes.length ? bytes : Arrays.copyOf(bytes, size));
    }

    @Override
    public void fail(Throwable cause) {
        result.completeExceptionally(cause);
        bytes = null;
    }

    @Override
    public CompletionStage<byte[]> result() {
        return result;
    }
}
