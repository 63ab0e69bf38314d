package io.harmony4.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.container.H4mkWriter;
import io.harmony4.engine.TestData;
import io.harmony4.rest.ingest.IntakeCounts;
import io.harmony4.service.CompressOptions;
import io.harmony4.service.ContainerService;
import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Request bodies of {@code /v1/compress}, {@code /v1/decompress} and {@code /bench/echo} on HTTP/1.1, whichever way
 * they reach the ingest (from the socket's buffers, or through Vert.x): the same bytes back, keep-alive connections
 * that go on after a body answered without being read, pipelined requests, chunked bodies with trailers, and clients
 * that leave mid-body holding no socket buffer. {@link #direct()} says which way the app under test takes them.
 */
abstract class DirectIntakeContract {
    /** More than the intake holds before the resource attaches (1 MiB), under the profile's request limit (2 MiB). */
    static final int LARGE = (3 << 20) / 2;

    @Inject
    ContainerService service;
    @Inject
    Vertx vertx;

    /** Whether bodies are taken from the socket in this app. */
    abstract boolean direct();

    @Test
    void eachEndpointGivesTheSameBytesTakenTheWayTheAppTakesThem() throws Exception {
        byte[] content = TestData.text(LARGE, 41);
        long before = IntakeCounts.bodies();
        try (Socket socket = open()) {
            assertArrayEquals(content, exchange(socket, "/bench/echo", content).body(), "echo");
            byte[] container = exchange(socket, "/v1/compress", content).body();
            assertArrayEquals(inProcess(content), container, "the container the in-process writer makes");
            assertArrayEquals(content, exchange(socket, "/v1/decompress", container).body(), "decompress");
        }
        assertEquals(direct() ? 3 : 0, IntakeCounts.bodies() - before, "bodies taken from the socket");
    }

    @Test
    void messagesAreTakenTheWayTheAppTakesThemAndOneOverTheLimitLeavesTheConnectionReady() throws Exception {
        byte[] small = TestData.text(1024, 48); // compressed and decoded on the event loop
        byte[] large = TestData.text(600_000, 49); // on a worker
        long before = IntakeCounts.bodies();
        try (Socket socket = open()) {
            for (byte[] message : new byte[][] {small, large}) {
                byte[] frame = exchange(socket, "/v1/messages/compress", message).body();
                assertArrayEquals(message, exchange(socket, "/v1/messages/decompress", frame).body());
            }
            // refused by its declared length before a byte is read, while it is still being sent
            assertEquals(413, exchange(socket, "/v1/messages/compress", TestData.random((1 << 20) + 1, 50)).status());
            byte[] frame = exchange(socket, "/v1/messages/compress", small).body();
            assertArrayEquals(small, exchange(socket, "/v1/messages/decompress", frame).body(), "the next request");
        }
        assertEquals(direct() ? 6 : 0, IntakeCounts.bodies() - before, "bodies taken from the socket");
        awaitNoBufferHeld();
    }

    @Test
    void aBodyAnsweredWithoutBeingReadLeavesTheConnectionReadyForTheNextRequest() throws Exception {
        byte[] content = TestData.random(LARGE, 42);
        try (Socket socket = open()) {
            // a bad parameter (400) and a declared length past the limit (413): both answered before the body is
            // read, while it is still being sent
            assertEquals(400, exchange(socket, "/v1/compress?level=999", content).status());
            byte[] tooLarge = TestData.random(3 << 20, 43);
            assertEquals(413, exchange(socket, "/bench/echo", tooLarge).status());
            assertEquals(400, exchange(socket, "/v1/decompress?delivery=nope", content).status());
            assertArrayEquals(content, exchange(socket, "/bench/echo", content).body(), "the next request");
        }
        awaitNoBufferHeld();
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        byte[] first = TestData.random(10_000, 44);
        byte[] second = TestData.text(300_000, 45);
        byte[] third = TestData.random(200_000, 46);
        try (Socket socket = open()) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (Object[] request : new Object[][] {{"/bench/echo", first}, {"/v1/compress", second},
                    {"/bench/echo", third}}) {
                byte[] body = (byte[]) request[1];
                all.write(Api.postHead((String) request[0], Api.OCTETS, body.length));
                all.write(body);
            }
            Thread sender = send(socket, all.toByteArray());
            InputStream in = socket.getInputStream();
            assertArrayEquals(first, RawHttp.read(in).body());
            assertArrayEquals(inProcess(second), RawHttp.read(in).body());
            assertArrayEquals(third, RawHttp.read(in).body());
            sender.join();
        }
        awaitNoBufferHeld();
    }

    @Test
    void aChunkedBodyWithTrailersIsTakenWholeAndTheConnectionGoesOn() throws Exception {
        byte[] content = TestData.text(LARGE, 47);
        try (Socket socket = open()) {
            for (String path : new String[] {"/bench/echo", "/v1/compress"}) {
                ByteArrayOutputStream request = new ByteArrayOutputStream();
                request.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + Api.OCTETS
                        + "\r\nTransfer-Encoding: chunked\r\nTrailer: X-Sent-By\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                int[] sizes = {1, 70_000, 12_345, 1 << 20};
                for (int at = 0, i = 0; at < content.length; i++) {
                    int n = Math.min(sizes[i % sizes.length], content.length - at);
                    request.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    request.write(content, at, n);
                    request.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    at += n;
                }
                request.write("0\r\nX-Sent-By: a test\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                Thread sender = send(socket, request.toByteArray());
                RawHttp.Answer answer = RawHttp.read(socket.getInputStream());
                sender.join();
                assertEquals(200, answer.status(), path);
                assertArrayEquals(path.equals("/bench/echo") ? content : inProcess(content), answer.body(), path);
            }
            assertArrayEquals(content, exchange(socket, "/bench/echo", content).body(), "the next request");
        }
        awaitNoBufferHeld();
    }

    @Test
    void clientsThatLeaveMidBodyLeaveNoSocketBufferHeld() throws Exception {
        byte[] content = TestData.text(LARGE, 48);
        byte[] container = exchangeOnce("/v1/compress", content);
        for (String path : new String[] {"/bench/echo", "/v1/compress", "/v1/decompress"}) {
            for (boolean reset : new boolean[] {false, true}) {
                try (Socket socket = open()) {
                    OutputStream out = socket.getOutputStream();
                    byte[] body = path.equals("/v1/decompress") ? container : content;
                    out.write(Api.postHead(path, Api.OCTETS, body.length));
                    out.write(body, 0, body.length / 2);
                    out.flush();
                    Thread.sleep(100); // the server takes what came
                    if (reset) {
                        socket.setSoLinger(true, 0);
                    }
                }
                awaitNoBufferHeld();
            }
        }
    }

    @Test
    void http2BodiesGoThroughVertxWithTheSameAnswers() throws Exception {
        byte[] content = TestData.text(LARGE, 49);
        long before = IntakeCounts.bodies();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false)); // prior knowledge: HTTP/2 from the first byte
        try {
            for (String path : new String[] {"/bench/echo", "/v1/compress"}) {
                byte[] back = client.request(HttpMethod.POST, RestAssured.port, "localhost", path)
                        .compose(request -> request.putHeader("Content-Type", Api.OCTETS)
                                .send(io.vertx.core.buffer.Buffer.buffer(content)))
                        .compose(response -> {
                            assertEquals(HttpVersion.HTTP_2, response.version());
                            assertEquals(200, response.statusCode());
                            return response.body();
                        })
                        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS).getBytes();
                assertArrayEquals(path.equals("/bench/echo") ? content : inProcess(content), back, path);
            }
        } finally {
            client.close();
        }
        assertEquals(0, IntakeCounts.bodies() - before, "HTTP/2 bodies are not taken from the socket");
    }

    private byte[] inProcess(byte[] content) throws IOException {
        CompressOptions options = service.options(null, null, null, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (H4mkWriter writer = new H4mkWriter(out, options.engine(), options.blockSize(), null, 1,
                options.filters())) {
            writer.write(content);
        }
        return out.toByteArray();
    }

    static void awaitNoBufferHeld() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (IntakeCounts.buffersHeld() != 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertEquals(0, IntakeCounts.buffersHeld(), "socket buffers still held");
    }

    private static Socket open() throws IOException {
        Socket socket = new Socket("localhost", RestAssured.port);
        socket.setSoTimeout(60_000); // a server that never answers fails the test, not hangs it
        return socket;
    }

    private static byte[] exchangeOnce(String path, byte[] body) throws Exception {
        try (Socket socket = open()) {
            RawHttp.Answer answer = exchange(socket, path, body);
            assertEquals(200, answer.status());
            return answer.body();
        }
    }

    /** One request on a kept-alive connection, its body sent while the answer is read. */
    private static RawHttp.Answer exchange(Socket socket, String path, byte[] body) throws Exception {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(Api.postHead(path, Api.OCTETS, body.length));
        request.write(body);
        Thread sender = send(socket, request.toByteArray());
        RawHttp.Answer answer = RawHttp.read(socket.getInputStream());
        sender.join();
        assertTrue(answer.complete(), path + " answered whole");
        return answer;
    }

    private static Thread send(Socket socket, byte[] bytes) {
        return Thread.ofVirtual().start(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                // the server closed the connection: the answers read say why
            }
        });
    }
}
