package io.harmony4.rest;

import io.harmony4.service.CompressOptions;
import io.harmony4.service.CompressionIngest;
import io.harmony4.service.ContainerService;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.jboss.logging.Logger;

/**
 * {@code POST /v1/compress?delivery=streamed}: the container goes to the client as it is made, chunked: the preamble
 * and HEAD at once, each CORE chunk once its block is compressed (and the engine's round trip checked it), in order,
 * then SEEK and TAIL; the content root follows as an HTTP trailer, since it is known only at the end. The request's
 * body is taken as {@link IngestedBody} takes it, so a client must read the answer while it sends (as curl does):
 * when the answer is not read, the writer waits, the block arrays fill and the body stops being read. A failure once
 * the answer has begun (the body refused past the size limit, an engine failure) ends it short: no last chunk.
 */
final class StreamedCompressAnswer implements StreamedAnswer {
    private static final Logger LOG = Logger.getLogger(StreamedCompressAnswer.class);

    private final HttpServerResponse response;
    private final ResponseChannel channel = new ResponseChannel();

    private StreamedCompressAnswer(HttpServerResponse response) {
        this.response = response;
    }

    /** Starts the compression of the request's body and answers at once: its body is the container as made. */
    static Response start(RoutingContext exchange, ContainerService service, CompressOptions options,
            ServiceMetrics metrics) {
        StreamedCompressAnswer answer = new StreamedCompressAnswer(exchange.response());
        exchange.addEndHandler(done -> answer.channel.clientLeft()); // after the end, nothing is waiting on it
        if (exchange.response().closed()) {
            answer.channel.clientLeft(); // it left before that handler existed, which will then never run
        }
        CompressionIngest ingest = IngestedBody.feed(exchange.request(), resume -> service.startStreamedCompression(
                options, IngestedBody.declaredLength(exchange.request()), resume, answer.channel));
        ingest.result().whenComplete((compressed, failure) -> {
            if (failure != null) {
                LOG.debugf("a streamed compression ended short: %s", failure);
                answer.channel.abort(failure);
                return;
            }
            // every byte of the container is written: counted even when the client closes before the end is confirmed
            metrics.transferred("compress", compressed.contentSize(), answer.channel.written());
            try {
                answer.channel.end(Responses.ROOT_HEADER, compressed.root());
            } catch (IOException e) {
                LOG.debugf("a streamed compression could not end: %s", e);
            }
        });
        return Response.ok(answer, MediaTypes.H4MK)
                .header(Responses.ENGINE_HEADER, Responses.engine(options.engine().info()))
                .header(Delivery.HEADER, "streamed")
                .header("Trailer", Responses.ROOT_HEADER)
                .build();
    }

    @Override
    public void start() {
        response.setChunked(true);
        channel.attach(response);
    }
}
