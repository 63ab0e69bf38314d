package io.harmony4.rest;

import io.harmony4.service.StreamedContent;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * {@code POST /v1/decompress?delivery=streamed}: the container was received and its TAIL, SEEK and content root
 * checked ({@link StreamedContent}); the answer starts with its {@code Content-Length}, and each block's bytes follow
 * once that block's SHA-256 matched SEEK, sent from a thread of its own. A block that fails ends the answer short: the
 * connection closes before {@code Content-Length} bytes arrived. A client that leaves stops the decoding; the
 * container and the blocks decoded ahead are given back. The wait from the request's last byte to the answer's first is
 * {@code harmony4_streamed_first_byte_seconds}.
 */
final class StreamedDecompressAnswer implements StreamedAnswer {
    private static final Logger LOG = Logger.getLogger(StreamedDecompressAnswer.class);

    private final HttpServerResponse response;
    private final StreamedContent content;
    private final ServiceMetrics metrics;
    private final ResponseChannel channel = new ResponseChannel();
    /** Whether the sending thread took the content over; until then the exchange's end gives it back. */
    private final AtomicBoolean taken = new AtomicBoolean();

    private StreamedDecompressAnswer(HttpServerResponse response, StreamedContent content, ServiceMetrics metrics) {
        this.response = response;
        this.content = content;
        this.metrics = metrics;
    }

    /** The answer for a checked container: headers now, the blocks once started. */
    static Response of(RoutingContext exchange, StreamedContent content, boolean whole, ServiceMetrics metrics) {
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
        Response.ResponseBuilder ok = Response.ok(answer, MediaType.APPLICATION_OCTET_STREAM)
                .header(Responses.VERIFICATION_HEADER, "sha256")
                .header(Responses.ROOT_HEADER, content.root())
                .header(Delivery.HEADER, "streamed");
        if (whole) {
            ok.header(Responses.ENGINE_HEADER, String.join(", ", content.engines()));
        }
        return ok.build();
    }

    @Override
    public void start() {
        response.putHeader("Content-Length", Long.toString(content.length()));
        channel.attach(response);
        if (taken.compareAndSet(false, true)) {
            Thread.ofVirtual().name("harmony4-streamed-decompress").start(this::send);
        }
    }

    private void send() {
        try (content) {
            content.writeTo(new FirstByteClock());
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

    /** The answer's body: records the first byte's wait as it is handed to the connection, then writes through. */
    private final class FirstByteClock extends OutputStream {
        private boolean started;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!started && len > 0) {
                started = true;
                metrics.streamedDecompressFirstByte(System.nanoTime() - content.bodyReceivedNanos());
            }
            channel.write(b, off, len);
        }
    }
}
