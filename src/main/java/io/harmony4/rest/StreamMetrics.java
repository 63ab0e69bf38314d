package io.harmony4.rest;

import io.harmony4.config.ActiveEngine;
import io.harmony4.service.StreamFailure;
import io.harmony4.service.StreamService;
import io.harmony4.service.StreamSummary;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/**
 * The streams' metrics at {@code /q/metrics} (docs/streams.md, "Metrics"), tagged by direction ({@code compress},
 * {@code decompress}) and the serving engine: {@code harmony4_streams_open}, {@code harmony4_stream_messages_total},
 * {@code harmony4_stream_bytes_in_total}, {@code harmony4_stream_bytes_out_total}, {@code harmony4_stream_ratio}
 * (content bytes per compressed byte, per stream ended) and {@code harmony4_stream_failures_total} by kind.
 */
@ApplicationScoped
public class StreamMetrics {
    private final MeterRegistry registry;
    private final String engine;

    StreamMetrics(MeterRegistry registry, ActiveEngine active, StreamService streams) {
        this.registry = registry;
        this.engine = active.engine().info().id();
        Gauge.builder("harmony4.streams.open", streams, StreamService::openStreams)
                .description("WebSocket streams open now")
                .tag("engine", engine)
                .register(registry);
    }

    /** One message through a stream: bytes read from the client, bytes sent to it. */
    void message(String direction, long in, long out) {
        registry.counter("harmony4.stream.messages", "direction", direction, "engine", engine).increment();
        registry.counter("harmony4.stream.bytes.in", "direction", direction, "engine", engine).increment(in);
        registry.counter("harmony4.stream.bytes.out", "direction", direction, "engine", engine).increment(out);
    }

    /** A stream that ended normally, with its ratio. */
    void ended(String direction, StreamSummary summary) {
        if (summary.compressedBytes() > 0 && summary.contentBytes() > 0) {
            DistributionSummary.builder("harmony4.stream.ratio")
                    .description("content bytes per compressed byte, per stream ended")
                    .tag("direction", direction)
                    .tag("engine", engine)
                    .register(registry)
                    .record((double) summary.contentBytes() / summary.compressedBytes());
        }
    }

    /** A stream the service closed for a failure. */
    void closed(StreamFailure.Kind kind) {
        registry.counter("harmony4.stream.failures", "kind", kind.name().toLowerCase(Locale.ROOT), "engine", engine)
                .increment();
    }
}
