package io.harmony4.rest.ingest;

import io.netty.buffer.ByteBuf;

/** What an {@link ArmedBody} asks of the connection it is read from: {@link SocketIntake}, one per connection. */
interface IntakeControl {
    /** Stops reading the socket until {@link #resume()}. */
    void pause();

    void resume();

    /** Whether {@code body} is the one being read now (not dropped, not over). */
    boolean isCurrent(ArmedBody body);

    /** Gives a socket buffer back to Netty's pool, from any thread. */
    void release(ByteBuf buffer);
}
