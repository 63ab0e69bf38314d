package io.harmony4.rest.ingest;

import io.netty.buffer.ByteBuf;

/**
 * What a request's body is given to as {@link SocketIntake} takes it from the socket, on the connection's event loop.
 */
public interface BodySink {
    /**
     * Takes the next piece of the body and the reference to it that the intake held: the sink gives it back with
     * {@link ArmedBody#release} once it no longer needs its bytes, however the request ends.
     *
     * @return false to pause the socket until {@link ArmedBody#resume()}
     */
    boolean take(ByteBuf content);

    /** The body is complete (its trailers, if any, go on to Vert.x). */
    void end();

    /**
     * The body will not complete (the client left), or the exchange ended: whatever the sink still holds of it is
     * given back. Called once the exchange ended even after {@link #end()}, so that a sink whose work stopped early
     * gives back what it kept.
     */
    void fail(Throwable cause);
}
