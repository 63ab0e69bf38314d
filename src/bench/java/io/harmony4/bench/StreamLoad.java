package io.harmony4.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code -bench streams}: load on a running service (bench/streams-http.sh starts the packaged app), token-id messages
 * of {@code -size} bytes from {@code -streams} clients at once for {@code -seconds}, each client in a closed loop (a
 * message, then its answer, then the next): over {@code /v1/streams/compress} ({@code -mode ws}, one stream per client)
 * or {@code POST /v1/messages/compress} ({@code -mode post}, one request per message on a kept-alive connection per
 * client). Prints one line: messages per second, and the p50 and p99 time from a message sent to its compressed
 * answer received.
 */
final class StreamLoad {
    private StreamLoad() {}

    /** One client's loop: its latencies in nanoseconds, in order. */
    private static final class Loop {
        final long[] latencies;
        int count;
        long sentAt;
        int next;

        /** Keeps the first {@code capacity} latencies: 2 Mi in all, 16 MiB, whatever the number of clients. */
        Loop(int capacity) {
            latencies = new long[capacity];
        }

        void record(long now) {
            if (count < latencies.length) {
                latencies[count] = now - sentAt;
            }
            count++;
        }
    }

    static void run(Map<String, String> opt) throws Exception {
        String mode = opt.getOrDefault("mode", "ws");
        int clients = Integer.parseInt(opt.getOrDefault("streams", "1"));
        int size = Integer.parseInt(opt.getOrDefault("size", "100"));
        int seconds = Integer.parseInt(opt.getOrDefault("seconds", "10"));
        int port = Integer.parseInt(opt.getOrDefault("port", "8091"));
        int count = 4096;
        byte[] ids = TokenIds.zipf(size * count);
        List<byte[]> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            messages.add(Arrays.copyOfRange(ids, i * size, (i + 1) * size));
        }
        Vertx vertx = Vertx.vertx();
        try {
            List<Loop> loops = new ArrayList<>();
            AtomicBoolean running = new AtomicBoolean(true);
            List<CompletableFuture<Void>> done = new ArrayList<>();
            HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                    new PoolOptions().setHttp1MaxSize(clients));
            WebSocketClient ws = vertx.createWebSocketClient();
            for (int c = 0; c < clients; c++) {
                Loop loop = new Loop((1 << 21) / clients);
                loop.next = c * 97;
                loops.add(loop);
                done.add(mode.equals("ws") ? stream(vertx, ws, port, messages, loop, running)
                        : posts(http, port, messages, loop, running));
            }
            long start = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            running.set(false);
            long elapsed = System.nanoTime() - start;
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            long total = loops.stream().mapToLong(l -> l.count).sum();
            long[] all = loops.stream().flatMapToLong(l -> Arrays.stream(l.latencies, 0, Math.min(l.count,
                    l.latencies.length))).sorted().toArray();
            System.out.printf(Locale.ROOT, "|streams|%s|%d|%d|%.0f|%.1f|%.1f|%n", mode, clients, size,
                    total / (elapsed / 1e9), all[all.length / 2] / 1e3, all[(int) (all.length * 0.99)] / 1e3);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static CompletableFuture<Void> stream(Vertx vertx, WebSocketClient client, int port, List<byte[]> messages,
            Loop loop, AtomicBoolean running) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        // handlers before the connection: the start message may arrive before a handler added on success
        ClientWebSocket socket = client.webSocket();
        socket.closeHandler(v -> done.complete(null));
        // the start message comes first: then the loop starts
        socket.textMessageHandler(text -> {
            if (text.contains("\"start\"")) {
                send(socket, messages, loop);
            }
        });
        socket.binaryMessageHandler(compressed -> {
            loop.record(System.nanoTime());
            if (running.get()) {
                send(socket, messages, loop);
            } else {
                socket.binaryMessageHandler(end -> {});
                socket.writeTextMessage("{\"type\":\"end\"}");
            }
        });
        // connected from a context of the client's Vert.x, so that the connection and connect()'s completion share
        // one event loop: from a plain thread, a start message arriving between the two is dropped (StreamClient)
        vertx.getOrCreateContext().runOnContext(v -> socket.connect(new WebSocketConnectOptions()
                .setHost("127.0.0.1").setPort(port).setURI("/v1/streams/compress?checkpoint-every=0"))
                .onFailure(done::completeExceptionally));
        return done;
    }

    private static void send(WebSocket socket, List<byte[]> messages, Loop loop) {
        byte[] message = messages.get(loop.next++ % messages.size());
        loop.sentAt = System.nanoTime();
        socket.writeBinaryMessage(Buffer.buffer(message));
    }

    private static CompletableFuture<Void> posts(HttpClient client, int port, List<byte[]> messages, Loop loop,
            AtomicBoolean running) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        post(client, port, messages, loop, running, done);
        return done;
    }

    private static void post(HttpClient client, int port, List<byte[]> messages, Loop loop, AtomicBoolean running,
            CompletableFuture<Void> done) {
        byte[] message = messages.get(loop.next++ % messages.size());
        loop.sentAt = System.nanoTime();
        client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                        .setURI("/v1/messages/compress").putHeader("Content-Type", "application/octet-stream"))
                .compose(request -> request.send(Buffer.buffer(message)))
                .compose(response -> response.body().map(body -> response.statusCode()))
                .onFailure(done::completeExceptionally)
                .onSuccess(status -> {
                    if (status != 200) {
                        done.completeExceptionally(new IllegalStateException("status " + status));
                        return;
                    }
                    loop.record(System.nanoTime());
                    if (running.get()) {
                        post(client, port, messages, loop, running, done);
                    } else {
                        done.complete(null);
                    }
                });
    }
}
