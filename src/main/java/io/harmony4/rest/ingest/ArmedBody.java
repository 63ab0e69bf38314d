package io.harmony4.rest.ingest;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.util.ArrayDeque;

/**
 * One request's body as {@link SocketIntake} takes it, on the connection's event loop: held (at most about
 * {@value #HOLD_BOUND} bytes, the socket paused past them) until the resource attaches its {@link BodySink}, then
 * given to it piece by piece; dropped and given back if the exchange ends first (a request answered without its body
 * being read: 400, 401, 413), so that the connection reads on to its next request. A body that ends with other than
 * the bytes its {@code Content-Length} declared fails instead of ending ({@link IntakeShortfallException}): the
 * intake missed some of it, and a short body must never be compressed as if it were whole.
 */
public final class ArmedBody {
    /** The most bytes held before a sink attached, past which the socket is paused: about a block. */
    static final int HOLD_BOUND = 1 << 20;

    private final IntakeControl intake;
    final Object head;
    /** The body's {@code Content-Length}, or -1 when it comes in chunks. */
    private final long declared;
    private final ArrayDeque<ByteBuf> held = new ArrayDeque<>();
    private long heldBytes;
    private long taken;
    private BodySink sink;
    private boolean ended;
    private boolean over;
    /** Why the body will not complete, when it was cut short before a sink attached. */
    private Throwable interruption;

    ArmedBody(IntakeControl intake, Object head, long declared) {
        this.intake = intake;
        this.head = head;
        this.declared = declared;
    }

    /** The body's {@code Content-Length}, or -1 when it comes in chunks. */
    long declaredLength() {
        return declared;
    }

    boolean attached() {
        return sink != null;
    }

    /**
     * On the event loop: from now on the body goes to {@code sink}, what was held first; its end too, if it came.
     */
    public void attach(BodySink sink) {
        if (this.sink != null) {
            throw new IllegalStateException("a body goes to one sink");
        }
        this.sink = sink;
        IntakeCounts.bodyTaken();
        boolean room = true;
        for (ByteBuf piece; (piece = held.poll()) != null; ) {
            room &= sink.take(piece);
        }
        heldBytes = 0;
        if (over) {
            sink.fail(interruption != null ? interruption
                    : new IOException("the exchange ended before its body was read"));
        } else if (ended) {
            sink.end();
        } else if (room) {
            resume();
        } else {
            intake.pause();
        }
    }

    /** On the event loop, once the sink has room again: the socket reads on, if this body still comes. */
    public void resume() {
        if (intake.isCurrent(this)) {
            intake.resume();
        }
    }

    /** Gives back a buffer the sink was given, on any thread. */
    public void release(ByteBuf buffer) {
        intake.release(buffer);
    }

    void offer(ByteBuf piece) {
        taken += piece.readableBytes();
        if (over) {
            intake.release(piece);
        } else if (sink == null) {
            held.add(piece);
            heldBytes += piece.readableBytes();
            if (heldBytes >= HOLD_BOUND) {
                intake.pause();
            }
        } else if (!sink.take(piece)) {
            intake.pause();
        }
    }

    void ended() {
        if (declared >= 0 && taken != declared) {
            interrupted(new IntakeShortfallException(taken, declared));
            return;
        }
        ended = true;
        if (sink != null && !over) {
            sink.end();
        }
    }

    /** The body will not complete: the connection closed, or a malformed chunk goes on to Vert.x. */
    void interrupted(Throwable cause) {
        over = true;
        interruption = cause;
        dropHeld();
        if (sink != null) {
            sink.fail(cause);
        }
    }

    /** The exchange ended: the sink gives back what it holds, and any of the body still to come is dropped. */
    void exchangeEnded() {
        if (over) {
            return;
        }
        over = true;
        dropHeld();
        if (sink != null) {
            sink.fail(new ExchangeEnded());
        }
        resume(); // the rest of the body is read and dropped, so that the next request can be read
    }

    /**
     * What a sink is told when its exchange ended, which every request's does: always from here, so without the stack
     * trace that a new exception fills in (some microseconds of a small message's request, seen in a profile).
     */
    private static final class ExchangeEnded extends IOException {
        ExchangeEnded() {
            super("the exchange ended");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private void dropHeld() {
        for (ByteBuf piece; (piece = held.poll()) != null; ) {
            intake.release(piece);
        }
        heldBytes = 0;
    }
}
