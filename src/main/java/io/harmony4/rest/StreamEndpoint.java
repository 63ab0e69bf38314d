package io.harmony4.rest;

import io.harmony4.service.StreamService;
import io.quarkus.websockets.next.InboundProcessingMode;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * {@code /v1/streams/compress} and {@code /v1/streams/decompress} (docs/streams.md): the WebSocket wiring of both
 * directions ({@link CompressSteps}, {@link DecompressSteps}); {@link StreamCapacityCheck} refuses any other
 * direction at the upgrade. Messages are taken as they arrive (concurrent mode, on the event loop) and handed to the
 * connection's {@link StreamChannel}, which runs them in order off the event loop.
 */
@WebSocket(path = "/v1/streams/{direction}", endpointId = StreamEndpoint.ID,
        inboundProcessingMode = InboundProcessingMode.CONCURRENT)
public class StreamEndpoint {
    static final String ID = "harmony4-streams";
    static final String COMPRESS = "compress";
    static final String DECOMPRESS = "decompress";

    private final StreamService service;
    private final StreamMetrics metrics;
    private final Vertx vertx;

    StreamEndpoint(StreamService service, StreamMetrics metrics, Vertx vertx) {
        this.service = service;
        this.metrics = metrics;
        this.vertx = vertx;
    }

    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        StreamChannel.Steps steps = COMPRESS.equals(connection.pathParam("direction"))
                ? new CompressSteps(service, metrics) : new DecompressSteps(service, metrics);
        StreamChannel.open(connection, service, metrics, vertx, steps);
        return Uni.createFrom().voidItem();
    }

    @OnBinaryMessage
    public Uni<Void> message(WebSocketConnection connection, Buffer message) {
        StreamChannel.binary(connection, message);
        return Uni.createFrom().voidItem();
    }

    @OnTextMessage
    public Uni<Void> text(WebSocketConnection connection, String text) {
        StreamChannel.text(connection, text);
        return Uni.createFrom().voidItem();
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        StreamChannel.closed(connection, service, vertx);
    }
}
