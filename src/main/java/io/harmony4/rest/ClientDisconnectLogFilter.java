package io.harmony4.rest;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Keeps clients that leave from filling the log with errors. Vert.x logs an ERROR with a stack trace on its
 * connection logger whenever a client closes or resets its connection while an answer is still going out: a cancelled
 * download, a load tool stopping, a proxy timing out. That is the client's choice, not a fault of the service, and
 * ERRORs page people. Exactly those records become one DEBUG line on {@value #CATEGORY}; every other record of that
 * logger, errors included, passes untouched.
 *
 * <p>The filter sits on the logger, not on a handler, so it holds for the console, file and JSON handlers alike.
 */
@ApplicationScoped
public class ClientDisconnectLogFilter implements Filter {
    /** Where Vert.x reports exceptions on connections that have no handler of their own. */
    static final String VERTX_CONNECTION_LOGGER = "io.vertx.core.net.impl.ConnectionBase";
    /** Turn it to DEBUG to see each client that left mid-answer. */
    static final String CATEGORY = "io.harmony4.rest.disconnects";
    /** The messages the kernel's errors carry when the peer went away: Netty's SslHandler tells them apart the same way. */
    private static final Pattern PEER_GONE = Pattern.compile(
            ".*(?:connection.*(?:reset|closed|abort|broken)|broken.*pipe).*", Pattern.CASE_INSENSITIVE);

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(CATEGORY);
    // Held here: java.util.logging keeps loggers only weakly, and a collected logger would lose its filter.
    private final Logger vertxConnections = Logger.getLogger(VERTX_CONNECTION_LOGGER);

    void install(@Observes StartupEvent start) {
        vertxConnections.setFilter(this);
    }

    void uninstall(@Observes ShutdownEvent stop) {
        if (vertxConnections.getFilter() == this) {
            vertxConnections.setFilter(null);
        }
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        Throwable thrown = record.getThrown();
        if (!peerWentAway(thrown)) {
            return true;
        }
        LOG.debugf("a client left while its answer was being sent: %s", thrown);
        return false;
    }

    /** Whether this failure only says the other end of the connection is gone. */
    static boolean peerWentAway(Throwable thrown) {
        if (thrown instanceof ClosedChannelException) {
            return true;
        }
        return thrown instanceof IOException && thrown.getMessage() != null
                && PEER_GONE.matcher(thrown.getMessage()).matches();
    }
}
