package io.harmony4.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Flow control (docs/streams.md, "Flow control"): a client that sends and does not read its answers is stopped, so
 * the service does not buffer for it without bound; once it reads, its stream goes on. A raw socket, because a
 * WebSocket library reads everything the service sends whether or not its application does.
 */
@QuarkusTest
class ApiStreamsFlowTest {
    private static final int MESSAGE = 64 * 1024;
    /** 256 MiB offered; the answers of incompressible messages are as large as the messages. */
    private static final int MESSAGES = 4096;
    /** Far above what the socket buffers, the pending messages and Netty's high-water mark hold between them. */
    private static final long STALLED_BELOW = 64L << 20;

    @Test
    void aClientThatDoesNotReadIsStoppedAndGoesOnOnceItReads() throws Exception {
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.setSoTimeout(120_000);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), RestAssured.port));
            InputStream in = socket.getInputStream();
            upgrade(socket.getOutputStream(), in);
            AtomicLong sent = new AtomicLong();
            Thread writer = Thread.ofPlatform().daemon().start(() -> send(socket, sent));

            long stalledAt = stalled(sent, writer);
            assertTrue(writer.isAlive(), "the writer still waits to send");
            assertTrue(stalledAt < STALLED_BELOW, "the client could send " + stalledAt + " bytes without reading");

            // the client reads: every message is answered, and the writer sends everything
            DataInputStream answers = new DataInputStream(in);
            int binary = 0;
            while (binary < MESSAGES) {
                if (readFrame(answers) == 2) {
                    binary++;
                }
            }
            writer.join(60_000);
            assertEquals((long) MESSAGES * MESSAGE, sent.get());
        }
    }

    /** Waits until the writer has sent nothing more for 3 s (at most 120 s); returns what it had sent. */
    private static long stalled(AtomicLong sent, Thread writer) throws InterruptedException {
        long last = -1;
        int still = 0;
        for (int i = 0; i < 1200 && still < 30 && writer.isAlive(); i++) {
            Thread.sleep(100);
            long now = sent.get();
            still = now == last ? still + 1 : 0;
            last = now;
        }
        return sent.get();
    }

    private static void upgrade(OutputStream out, InputStream in) throws IOException {
        String key = Base64.getEncoder().encodeToString(new byte[16]);
        out.write(("GET " + ApiStreamsTest.COMPRESS + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the upgrade's response ended early: " + head);
            }
            head.write(b);
        }
        assertTrue(head.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101"), head.toString());
    }

    /** Sends MESSAGES masked binary frames of random bytes, counting what the socket took. */
    private static void send(Socket socket, AtomicLong sent) {
        SplittableRandom random = new SplittableRandom(27);
        byte[] payload = new byte[MESSAGE];
        try {
            OutputStream out = socket.getOutputStream();
            for (int m = 0; m < MESSAGES; m++) {
                random.nextBytes(payload);
                byte[] header = {(byte) 0x82, (byte) (0x80 | 127), 0, 0, 0, 0, 0, (byte) (MESSAGE >>> 16),
                        (byte) (MESSAGE >>> 8), (byte) MESSAGE, 1, 2, 3, 4};
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= header[10 + (i & 3)];
                }
                out.write(header);
                out.write(payload);
                sent.addAndGet(MESSAGE);
            }
            out.flush();
        } catch (IOException e) {
            // the test fails on the count
        }
    }

    /** Reads one unmasked frame from the service; returns its opcode. */
    private static int readFrame(DataInputStream in) throws IOException {
        int first = in.readUnsignedByte();
        int len = in.readUnsignedByte() & 0x7f;
        long length = len == 126 ? in.readUnsignedShort() : len == 127 ? in.readLong() : len;
        in.skipNBytes(length);
        return first & 0x0f;
    }
}
