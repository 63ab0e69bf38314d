package io.harmony4.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * A request body as a blocking {@link InputStream} for one reading thread, fed with the buffers the HTTP layer
 * receives on its event loop: they are queued as they are (no copy) and copied once, by the reader, where it wants
 * them, and each is released (given back to the socket's pool) once the reader took all of it. A read waits until what it asks for is queued, up to {@link #BOUND}, so a reader that takes a block's chunk
 * at a time is woken about once per chunk rather than once per socket read. The queue is bounded: past
 * {@link #BOUND} bytes {@link #take} answers false, and {@code resume} runs once the reader has taken the queue
 * below it, so a client that sends faster than the reader reads, or stops sending, holds at most that much here.
 */
final class BodyStream extends InputStream {
    /** The most bytes queued before the socket is paused, and the most a read waits for: about a block. */
    static final int BOUND = 1 << 20;

    private final long maxRequestSize;
    private final Runnable resume;
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private long queued;
    private long received;
    /** Bytes the reader waits for; 0 while it does not wait. */
    private long wanted;
    private boolean stalled;
    private boolean ended;
    /** The reader is done (or gone): the rest of the body is dropped as it arrives. */
    private boolean discarding;
    private Throwable failure;

    /**
     * @param resume run (on the reader's thread) when {@link #take} refused more and the queue has room again: the
     *               caller should then call {@link #retry()} on its event loop
     */
    BodyStream(long maxRequestSize, Runnable resume) {
        this.maxRequestSize = maxRequestSize;
        this.resume = resume;
    }

    /** A buffer waiting for the reader, and what gives it back once read. */
    private record Queued(ByteBuffer buffer, Runnable release) {}

    /**
     * Queues {@code buffer}, to be released once read or dropped; false when the queue is full (the buffer is queued
     * all the same).
     */
    synchronized boolean take(ByteBuffer buffer, Runnable release) {
        if (discarding) {
            release.run();
            return true;
        }
        received += buffer.remaining();
        if (received > maxRequestSize) {
            throw new RequestTooLargeException(maxRequestSize);
        }
        if (buffer.hasRemaining()) {
            queue.add(new Queued(buffer, release));
            queued += buffer.remaining();
        } else {
            release.run();
        }
        if (wanted > 0 && queued >= wanted) {
            notifyAll();
        }
        return !(stalled = queued >= BOUND);
    }

    synchronized boolean retry() {
        return !(stalled = !discarding && queued >= BOUND);
    }

    synchronized void end() {
        ended = true;
        notifyAll();
    }

    synchronized void fail(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        notifyAll();
    }

    /** The reader is done: nothing more is queued, and a paused socket is resumed so the rest can be dropped. */
    void discard() {
        boolean wake;
        synchronized (this) {
            discarding = true;
            for (Queued dropped; (dropped = queue.poll()) != null; ) {
                dropped.release().run();
            }
            queued = 0;
            wake = stalled;
            stalled = false;
        }
        if (wake) {
            resume.run();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        int n;
        boolean wake;
        synchronized (this) {
            awaitBytes(Math.min(len, BOUND));
            if (queued == 0) {
                return -1;
            }
            n = 0;
            while (n < len && !queue.isEmpty()) {
                ByteBuffer head = queue.peek().buffer();
                int k = Math.min(len - n, head.remaining());
                head.get(b, off + n, k);
                n += k;
                if (!head.hasRemaining()) {
                    queue.remove().release().run();
                }
            }
            queued -= n;
            wake = consumed();
        }
        if (wake) {
            resume.run();
        }
        return n;
    }

    /** Hands each queued buffer's bytes to {@code out} as they come, without a copy through a buffer of its own. */
    @Override
    public long transferTo(OutputStream out) throws IOException {
        long total = 0;
        while (true) {
            Queued queuedNext;
            boolean wake;
            synchronized (this) {
                awaitBytes(1);
                queuedNext = queue.poll();
                if (queuedNext == null) {
                    return total;
                }
                queued -= queuedNext.buffer().remaining();
                wake = consumed();
            }
            if (wake) {
                resume.run();
            }
            ByteBuffer next = queuedNext.buffer();
            int n = next.remaining();
            try {
                if (next.hasArray()) {
                    out.write(next.array(), next.arrayOffset() + next.position(), n);
                } else {
                    byte[] copy = new byte[n];
                    next.get(copy);
                    out.write(copy);
                }
            } finally {
                queuedNext.release().run();
            }
            total += n;
        }
    }

    /** Waits until {@code n} bytes are queued or the body ended; throws what made the body fail. */
    private void awaitBytes(long n) throws IOException {
        wanted = n;
        try {
            while (queued < n && !ended && failure == null) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the request body");
        } finally {
            wanted = 0;
        }
        if (failure != null) {
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException("the request body did not complete: " + failure.getMessage(), failure);
        }
    }

    /** After the reader took bytes: whether a paused socket may go on now. */
    private boolean consumed() {
        if (stalled && queued < BOUND) {
            stalled = false;
            return true;
        }
        return false;
    }
}
