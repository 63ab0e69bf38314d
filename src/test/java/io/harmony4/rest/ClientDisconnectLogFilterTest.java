package io.harmony4.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** Which records the filter keeps out of the log: only those saying the client went away. */
class ClientDisconnectLogFilterTest {
    private final ClientDisconnectLogFilter filter = new ClientDisconnectLogFilter();

    @Test
    void aPeerThatWentAwayIsRecognisedByTheKernelsMessagesAndClosedChannels() {
        assertTrue(ClientDisconnectLogFilter.peerWentAway(new IOException("Connection reset by peer")));
        assertTrue(ClientDisconnectLogFilter.peerWentAway(new IOException("Broken pipe")));
        assertTrue(ClientDisconnectLogFilter.peerWentAway(new IOException("An established connection was aborted")));
        assertTrue(ClientDisconnectLogFilter.peerWentAway(new ClosedChannelException()));
        assertTrue(ClientDisconnectLogFilter.peerWentAway(new ClosedChannelException() {})); // Netty's stackless one
    }

    @Test
    void otherFailuresAreNotTakenForADisconnect() {
        assertFalse(ClientDisconnectLogFilter.peerWentAway(null));
        assertFalse(ClientDisconnectLogFilter.peerWentAway(new IOException("No space left on device")));
        assertFalse(ClientDisconnectLogFilter.peerWentAway(new IOException((String) null)));
        assertFalse(ClientDisconnectLogFilter.peerWentAway(new IllegalStateException("Connection reset by peer")));
    }

    @Test
    void onlyDisconnectRecordsAreDropped() {
        assertFalse(filter.isLoggable(record(new IOException("Connection reset by peer"))));
        assertTrue(filter.isLoggable(record(new IOException("No space left on device"))));
        assertTrue(filter.isLoggable(record(new NullPointerException())));
        assertTrue(filter.isLoggable(record(null)));
    }

    private static LogRecord record(Throwable thrown) {
        LogRecord record = new LogRecord(Level.SEVERE, thrown == null ? "no exception" : thrown.getMessage());
        record.setLoggerName(ClientDisconnectLogFilter.VERTX_CONNECTION_LOGGER);
        record.setThrown(thrown);
        return record;
    }
}
