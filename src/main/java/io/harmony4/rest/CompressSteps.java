package io.harmony4.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.harmony4.rest.StreamChannel.Binary;
import io.harmony4.rest.StreamChannel.Step;
import io.harmony4.rest.StreamChannel.Text;
import io.harmony4.service.CompressingStream;
import io.harmony4.service.StreamService;
import io.harmony4.service.StreamSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/streams/compress[?level=N&dictionary=ID&checkpoint-every=K]} (docs/streams.md): each binary message in
 * gives one binary message out, its compressed bytes; {@code {"type":"checkpoint"}} asks for the running root;
 * {@code {"type":"end"}} ends the stream: the end's bytes, then counts and the root, then a normal close.
 * One connection's stream, opened by its first step.
 */
final class CompressSteps implements StreamChannel.Steps {
    private static final String DIRECTION = StreamEndpoint.COMPRESS;

    private final StreamService service;
    private final StreamMetrics metrics;
    private CompressingStream stream;

    CompressSteps(StreamService service, StreamMetrics metrics) {
        this.service = service;
        this.metrics = metrics;
    }

    @Override
    public Step open(Map<String, String> query) {
        stream = service.compressor(StreamProtocol.integer(query, "level"), query.get("dictionary"),
                StreamProtocol.integer(query, "checkpoint-every"));
        return Step.of(new Text(StreamProtocol.start(stream.description(), DIRECTION,
                Map.of("checkpointEvery", stream.checkpointEvery()))));
    }

    @Override
    public Step binary(byte[] message) {
        byte[] compressed = stream.compress(message);
        metrics.message(DIRECTION, message.length, compressed.length);
        List<StreamChannel.Out> out = new ArrayList<>(2);
        out.add(new Binary(compressed));
        if (stream.checkpointDue()) {
            out.add(new Text(StreamProtocol.checkpoint(stream.summary())));
        }
        return new Step(out, false);
    }

    @Override
    public Step text(JsonNode message) {
        String type = message.get("type").asText();
        return switch (type) {
            case StreamProtocol.CHECKPOINT -> Step.of(new Text(StreamProtocol.checkpoint(stream.summary())));
            case StreamProtocol.END -> end();
            default -> throw StreamProtocol.unknownType(type);
        };
    }

    private Step end() {
        byte[] end = stream.finish();
        StreamSummary summary = stream.summary();
        metrics.message(DIRECTION, 0, end.length);
        metrics.ended(DIRECTION, summary);
        return new Step(List.of(new Binary(end), new Text(StreamProtocol.end(stream.description().format(),
                summary, summary.contentBytes(), summary.compressedBytes()))), true);
    }

    @Override
    public void dispose() {
        if (stream != null) {
            stream.close();
        }
    }
}
