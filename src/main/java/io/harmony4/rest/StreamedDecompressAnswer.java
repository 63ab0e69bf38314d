package io.harmony4.rest;

import io.harmony4.service.StreamedContent;
import io.netty.buffer.ByteBuf;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * {@code POST /v1/decompress?delivery=streamed}: the container was received and its TAIL, SEEK and content root
 * checked ({@link StreamedContent}), and the range's first block too. The answer starts with its {@code Content-Length}
 * and that block's bytes, handed to the connection on the event loop as the answer starts; each next block's bytes
 * follow once that block's SHA-256 matched SEEK, sent from a thread of its own, each written before the next (the
 * backpressure), from the direct memory it was decoded into where it was. A block that fails ends the answer short:
 * the connection closes before {@code Content-Length} bytes arrived. A client that leaves stops the decoding; the
 * container and the blocks decoded ahead are given back. The wait from the request's last byte to the answer's first
 * is {@code harmony4_streamed_first_byte_seconds}.
 */
final class StreamedDecompressAnswer implements StreamedAnswer {
    private static final Logger LOG = Logger.getLogger(StreamedDecompressAnswer.class);

    private final HttpServerResponse response;
    private final StreamedContent content;
    private final ServiceMetrics metrics;
    private final ResponseChannel channel = new ResponseChannel();
    /** Whether the answer started, taking the content over; until then the exchange's end gives it back. */
    private final AtomicBoolean taken = new AtomicBoolean();

    private StreamedDecompressAnswer(HttpServerResponse response, StreamedContent content, ServiceMetrics metrics) {
        this.response = response;
        this.content = content;
        this.metrics = metrics;
    }

    /** The answer for a checked container: headers now, the blocks once started. */
    static Response of(RoutingContext exchange, StreamedContent content, ServiceMetrics metrics) {
        StreamedDecompressAnswer answer = new StreamedDecompressAnswer(exchange.response(), content, metrics);
        exchange.addEndHandler(done -> {
            answer.channel.clientLeft();
            if (answer.taken.compareAndSet(false, true)) {
                content.close(); // the client left before the answer started
            }
        });
        if (exchange.response().closed() && answer.taken.compareAndSet(false, true)) {
            content.close(); // it left before that handler existed, which will then never run
        }
        return Response.ok(answer, MediaType.APPLICATION_OCTET_STREAM)
                .header(Responses.VERIFICATION_HEADER, "sha256")
                .header(Responses.ROOT_HEADER, content.root())
                .header(Delivery.HEADER, "streamed")
                .header(Responses.ENGINE_HEADER, String.join(", ", content.engines()))
                .build();
    }

    /**
     * On the event loop: the headers, and the first piece (taken and verified before the answer was made) handed to
     * the connection at once; the rest from a thread of its own.
     */
    @Override
    public void start() {
        response.putHeader("Content-Length", Long.toString(content.length()));
        channel.attach(response);
        if (!taken.compareAndSet(false, true)) {
            return; // the client left: the exchange's end gave the content back
        }
        ByteBuf first = content.takeFirst();
        CompletableFuture<Void> firstSent = null;
        if (first != null) {
            metrics.streamedDecompressFirstByte(System.nanoTime() - content.bodyReceivedNanos());
            firstSent = channel.send(first, () -> content.giveBack(first));
        }
        CompletableFuture<Void> sent = firstSent;
        Thread.ofVirtual().name("harmony4-streamed-decompress").start(() -> send(sent));
    }

    /** Waits for the first piece to be written (null: there was none), then writes the others, each once verified. */
    private void send(CompletableFuture<Void> firstSent) {
        try (content) {
            if (firstSent != null) {
                channel.awaitSent(firstSent);
                content.sent();
            }
            ByteBuf piece;
            while ((piece = content.next()) != null) {
                ByteBuf written = piece;
                channel.write(written, () -> content.giveBack(written));
                content.sent();
            }
            // every byte is written: counted even when the client closes before the end is confirmed
            metrics.transferred("decompress", content.containerSize(), content.length());
            channel.end(null, null);
        } catch (Exception | Error e) {
            // The client sees the answer end short; the reason is here, and in the log when it is the container's.
            if (e instanceof java.io.IOException) {
                LOG.debugf("a streamed decompression stopped: %s", e);
            } else {
                LOG.infof("a streamed decompression ended short after %d of %d bytes: %s", channel.written(),
                        content.length(), e.getMessage());
            }
            channel.abort(e);
        }
    }
}
