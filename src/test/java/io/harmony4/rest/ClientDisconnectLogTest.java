package io.harmony4.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.harmony4.engine.TestData;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A client that resets its connection while a large answer is being sent: Vert.x's connection logger would log an
 * ERROR with a stack trace; the service logs one DEBUG line on its own category instead.
 */
@QuarkusTest
public class ClientDisconnectLogTest {

    @Test
    void aClientThatResetsMidAnswerIsADebugLineNotAnError() throws Exception {
        byte[] container = Api.compressOk(TestData.random(32 << 20, 17), ""); // an answer far larger than socket buffers
        Logger vertx = Logger.getLogger(ClientDisconnectLogFilter.VERTX_CONNECTION_LOGGER);
        Logger ours = Logger.getLogger(ClientDisconnectLogFilter.CATEGORY);
        Capture vertxRecords = new Capture();
        Capture ourRecords = new Capture();
        Level ourLevel = ours.getLevel();
        vertx.addHandler(vertxRecords);
        ours.addHandler(ourRecords);
        ours.setLevel(Level.FINE);
        try {
            resetAfterTheFirstBytes(container);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (ourRecords.records.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertFalse(ourRecords.records.isEmpty(), "the disconnect was seen and logged at DEBUG");
            assertEquals(Level.FINE.intValue(), ourRecords.records.getFirst().getLevel().intValue(), "DEBUG");
            assertEquals(List.of(), vertxRecords.records.stream().filter(r -> r.getLevel().intValue()
                    >= Level.WARNING.intValue()).map(LogRecord::getMessage).toList(), "no warning or error from Vert.x");
        } finally {
            vertx.removeHandler(vertxRecords);
            ours.removeHandler(ourRecords);
            ours.setLevel(ourLevel);
        }
    }

    /** Asks for the whole content, reads the start of the answer, then closes with RST. */
    private static void resetAfterTheFirstBytes(byte[] container) throws Exception {
        try (Socket socket = new Socket("localhost", io.restassured.RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(Api.postHead("/v1/decompress", Api.H4MK, container.length));
            out.write(container);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] start = new byte[4096];
            int n = in.readNBytes(start, 0, start.length);
            assertEquals("HTTP/1.1 200", new String(start, 0, Math.min(n, 12), StandardCharsets.US_ASCII));
            socket.setSoLinger(true, 0);
        }
    }

    private static final class Capture extends Handler {
        final List<LogRecord> records = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
