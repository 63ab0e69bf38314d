package io.harmony4.rest;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Pauses and resumes reading a stream's socket. Quarkus 3.36's WebSockets Next queues every message it reads for a
 * busy endpoint without bound (3.40 adds {@code max-pending-messages}), and gives the endpoint no handle on the
 * Vert.x socket; the HTTP connection that was upgraded is the same channel, and Vert.x's {@link ConnectionBase} turns
 * its reads off and on (Netty's auto-read), which is what Vert.x does itself when its own buffer fills.
 */
final class InboundReads {
    /** For a connection whose reads cannot be paused: {@link StreamChannel} bounds its queue by closing instead. */
    static final InboundReads NONE = new InboundReads(null);

    private final ConnectionBase connection;

    private InboundReads(ConnectionBase connection) {
        this.connection = connection;
    }

    static InboundReads of(HttpConnection connection) {
        return connection instanceof ConnectionBase base ? new InboundReads(base) : NONE;
    }

    /** Stops reading; false when this connection cannot. */
    boolean pause() {
        if (connection == null) {
            return false;
        }
        connection.doPause();
        return true;
    }

    void resume() {
        if (connection != null) {
            connection.doResume();
        }
    }
}
