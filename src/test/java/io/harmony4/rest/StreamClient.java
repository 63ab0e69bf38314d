package io.harmony4.rest;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.HotSpotDiagnosticMXBean;
import io.restassured.RestAssured;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test's WebSocket client of /v1/streams, on Vert.x's own client: every message and the close (code and reason) the
 * service sends, in order, to take one at a time. Works against @QuarkusTest and the packaged app (RestAssured's port).
 */
final class StreamClient implements AutoCloseable {
    private static final Vertx VERTX = Vertx.vertx();
    private static final WebSocketClient CLIENT = VERTX.createWebSocketClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    sealed interface Event permits Binary, Text, Closed {}

    record Binary(byte[] bytes) implements Event {}

    record Text(JsonNode json) implements Event {}

    record Closed(int code, String reason) implements Event {}

    private final WebSocket socket;
    private final BlockingQueue<Event> events;

    private StreamClient(WebSocket socket, BlockingQueue<Event> events) {
        this.socket = socket;
        this.events = events;
    }

    static StreamClient connect(String uri) {
        return connect(uri, Map.of());
    }

    /** Connects to {@code uri} (path and query) with these request headers; fails if the upgrade is refused. */
    static StreamClient connect(String uri, Map<String, String> headers) {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        // handlers before the connection: the service speaks first (its start message), and a message that arrives
        // before a handler is set is dropped, which a handler added once connect() completes may be too late for
        ClientWebSocket ws = CLIENT.webSocket();
        ws.binaryMessageHandler(b -> events.add(new Binary(b.getBytes())));
        ws.textMessageHandler(t -> events.add(new Text(parse(t))));
        ws.closeHandler(v -> events.add(new Closed(ws.closeStatusCode() == null ? -1 : ws.closeStatusCode(),
                ws.closeReason())));
        // Connected from an event-loop context of the client's own: called from the test's thread, Vert.x 4.5 handles
        // the connection on one new context and completes connect() on another, and a message that arrives between
        // the two, before the handlers are attached, is dropped (the start message, in rare full-suite runs). On one
        // context, the handlers are attached before the connection reads its next frame.
        Context context = VERTX.getOrCreateContext();
        Promise<WebSocket> connected = Promise.promise();
        context.runOnContext(v -> ws.connect(options(uri, headers)).onComplete(connected));
        WebSocket socket = await(connected.future());
        return new StreamClient(socket, events);
    }

    /**
     * The status that answers an upgrade to {@code uri} sent as it is, on a plain socket: a query the usual clients
     * refuse to send ({@code %zz}).
     */
    static int rawUpgradeStatus(String uri) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(20_000); // a service that never answers fails the test, not hangs it
            String key = Base64.getEncoder().encodeToString("harmony4 raw key".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(("GET " + uri + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return RawHttp.head(socket.getInputStream()).status();
        }
    }

    /** The refusal of an upgrade that must be refused: its status and headers. */
    static UpgradeRejectedException refused(String uri, Map<String, String> headers) {
        Throwable failure = CLIENT.connect(options(uri, headers)).toCompletionStage().toCompletableFuture()
                .handle((ws, e) -> {
                    if (ws != null) {
                        ws.close();
                    }
                    return e;
                }).join();
        return assertInstanceOf(UpgradeRejectedException.class, failure, "the upgrade is refused");
    }

    private static WebSocketConnectOptions options(String uri, Map<String, String> headers) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost")
                .setPort(RestAssured.port).setURI(uri);
        headers.forEach(options::addHeader);
        return options;
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("the service sent text that is not JSON: " + text, e);
        }
    }

    private static <T> T await(Future<T> future) {
        return future.toCompletionStage().toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
    }

    void send(byte[] message) {
        await(socket.writeBinaryMessage(Buffer.buffer(message)));
    }

    void send(String text) {
        await(socket.writeTextMessage(text));
    }

    /** The next event the service sent. */
    Event next() {
        try {
            Event event = events.poll(20, TimeUnit.SECONDS);
            if (event == null) {
                // A rare stall in full-suite runs (a stream's start message that never came) is not explained yet:
                // the threads of this JVM, which under @QuarkusTest hosts the service too, say where it waits.
                assertNotNull(event, "an event within 20 s; threads dumped to " + dumpThreads());
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Writes every thread's stack, virtual ones included, to a new file under target/, and names it. */
    private static Path dumpThreads() {
        try {
            Path file = Files.createTempFile(Path.of("target").toAbsolutePath(), "stream-stall-threads-", ".json");
            Files.delete(file); // dumpThreads writes a file of its own
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            return file;
        } catch (IOException | RuntimeException e) {
            return Path.of("(no dump: " + e + ")");
        }
    }

    byte[] binary() {
        return assertInstanceOf(Binary.class, next()).bytes();
    }

    JsonNode text() {
        return assertInstanceOf(Text.class, next()).json();
    }

    Closed closed() {
        return assertInstanceOf(Closed.class, next());
    }

    /** Skips messages until the close. */
    Closed closedAfterAll() {
        while (true) {
            if (next() instanceof Closed closed) {
                return closed;
            }
        }
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close();
        }
    }
}
