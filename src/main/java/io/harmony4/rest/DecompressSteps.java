package io.harmony4.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.harmony4.rest.StreamChannel.Binary;
import io.harmony4.rest.StreamChannel.Step;
import io.harmony4.rest.StreamChannel.Text;
import io.harmony4.service.DecompressingStream;
import io.harmony4.service.StreamFailure;
import io.harmony4.service.StreamService;
import io.harmony4.service.StreamSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/streams/decompress[?dictionary=ID&delivery=verified|immediate]} (docs/streams.md): the compressing
 * side's binary messages in, the original messages out (held until a checkpoint verifies them, unless
 * {@code delivery=immediate}); the sender's checkpoints, forwarded as they came, are compared with this side's
 * root; the end's bytes give the final counts and root and a normal close.
 * One connection's stream, opened by its first step.
 */
final class DecompressSteps implements StreamChannel.Steps {
    private static final String DIRECTION = StreamEndpoint.DECOMPRESS;

    private final StreamService service;
    private final StreamMetrics metrics;
    private DecompressingStream stream;

    DecompressSteps(StreamService service, StreamMetrics metrics) {
        this.service = service;
        this.metrics = metrics;
    }

    @Override
    public Step open(Map<String, String> query) {
        stream = service.decompressor(query.get("dictionary"), query.get("delivery"));
        return Step.of(new Text(StreamProtocol.start(stream.description(), DIRECTION,
                Map.of("delivery", stream.delivery().text()))));
    }

    @Override
    public Step binary(byte[] compressed) {
        List<byte[]> released = stream.decode(compressed);
        List<StreamChannel.Out> out = new ArrayList<>(released.size() + 1);
        long bytes = 0;
        for (byte[] message : released) {
            out.add(new Binary(message));
            bytes += message.length;
        }
        metrics.message(DIRECTION, compressed.length, bytes);
        if (!stream.ended()) {
            return new Step(out, false);
        }
        StreamSummary summary = stream.summary();
        metrics.ended(DIRECTION, summary);
        out.add(new Text(StreamProtocol.end(stream.description().format(), summary, summary.compressedBytes(),
                summary.contentBytes())));
        return new Step(out, true);
    }

    @Override
    public Step text(JsonNode message) {
        String type = message.get("type").asText();
        return switch (type) {
            case StreamProtocol.CHECKPOINT -> checkpoint(message);
            case StreamProtocol.END -> {
                stream.end();
                yield Step.of();
            }
            // the sender's first message, forwarded with the rest: nothing to check
            case StreamProtocol.START -> Step.of();
            default -> throw StreamProtocol.unknownType(type);
        };
    }

    private Step checkpoint(JsonNode message) {
        if (!message.path("messages").canConvertToLong() || !message.path("root").isTextual()) {
            throw new StreamFailure(StreamFailure.Kind.POLICY, "a checkpoint to check names \"messages\" and "
                    + "\"root\", as the sender sent it");
        }
        List<byte[]> released = stream.checkpoint(message.get("messages").asLong(), message.get("root").asText());
        List<StreamChannel.Out> out = new ArrayList<>(released.size() + 1);
        released.forEach(m -> out.add(new Binary(m)));
        out.add(new Text(StreamProtocol.checkpoint(stream.summary())));
        return new Step(out, false);
    }

    @Override
    public void dispose() {
        if (stream != null) {
            stream.close();
        }
    }
}
