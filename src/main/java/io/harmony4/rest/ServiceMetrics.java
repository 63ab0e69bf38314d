package io.harmony4.rest;

import io.harmony4.config.ActiveEngine;
import io.harmony4.service.BlockPool;
import io.harmony4.service.ContainerService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The service's own metrics at {@code /q/metrics}, tagged by endpoint and the serving engine:
 * {@code harmony4_bytes_in_total}, {@code harmony4_bytes_out_total}, {@code harmony4_compression_ratio},
 * {@code harmony4_problems_total} (by problem type), {@code harmony4_engine_fallback} (1 while the reference
 * engine serves because the core could not), and the block pool's {@code harmony4_block_pool_tasks} (running or
 * waiting) and {@code harmony4_block_pool_completed_total}, and {@code harmony4_streamed_first_byte_seconds} (how long
 * a streamed decompression's first answer byte waits once its request body is in). Request latency is Quarkus's
 * {@code http_server_requests_seconds}.
 */
@ApplicationScoped
public class ServiceMetrics {
    private final MeterRegistry registry;
    private final String engine;
    private final Timer streamedDecompressFirstByte;
    /**
     * The meters of each endpoint and of each endpoint and dictionary, registered on first use: a message is a few
     * microseconds of work, and finding a meter by name and tags in the registry (its id built, its tags sorted) cost
     * a measurable part of it.
     */
    private final Map<String, Transfers> transfers = new ConcurrentHashMap<>();
    private final Map<MessageKey, MessageMeters> messages = new ConcurrentHashMap<>();

    private record Transfers(Counter in, Counter out, DistributionSummary ratio) {}

    private record MessageKey(String endpoint, String dictionary) {}

    private record MessageMeters(Counter messages, Counter in, Counter out) {}

    ServiceMetrics(MeterRegistry registry, ActiveEngine active, BlockPool pool, ContainerService containers) {
        this.registry = registry;
        this.engine = active.engine().info().id();
        Gauge.builder("harmony4.engine.fallback", active, a -> a.fallbackReason().isPresent() ? 1 : 0)
                .description("1 while the reference engine serves because the core could not be used")
                .tag("engine", engine)
                .tag("mode", active.mode())
                .register(registry);
        Gauge.builder("harmony4.block.pool.tasks", pool, BlockPool::tasks)
                .description("block tasks running or waiting in the block pool, of every container request; one that "
                        + "stays up while no request runs is a task holding a thread")
                .strongReference(true)
                .register(registry);
        Gauge.builder("harmony4.decoded.blocks", containers, ContainerService::decodedBlocksHeld)
                .description("blocks of direct memory that results hold, not yet sent: decoded blocks "
                        + "(whole content and streamed) and copies (containers made, ranges); one that stays up "
                        + "while no request runs is a block never given back")
                .strongReference(true)
                .register(registry);
        FunctionCounter.builder("harmony4.block.pool.completed", pool, BlockPool::completed)
                .description("block tasks the block pool has finished, of every container request")
                .register(registry);
        streamedDecompressFirstByte = Timer.builder("harmony4.streamed.first.byte")
                .description("from the last byte of a streamed answer's request body received to its first answer "
                        + "byte handed to the connection")
                .tag("endpoint", "decompress")
                .tag("engine", engine)
                .register(registry);
    }

    /**
     * A streamed decompression's first answer byte was handed to the connection {@code nanos} after its request
     * body's last byte was received: the container's checks and the first block's comparison with SEEK lie between
     * (its decode too, when it was not decoded while the container arrived).
     */
    void streamedDecompressFirstByte(long nanos) {
        streamedDecompressFirstByte.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Bytes read and written by a successful request. */
    void transferred(String endpoint, long in, long out) {
        Transfers meters = transfers.computeIfAbsent(endpoint, this::transfers);
        meters.in().increment(in);
        meters.out().increment(out);
        if (meters.ratio() != null && in > 0 && out > 0) {
            meters.ratio().record((double) in / out);
        }
    }

    private Transfers transfers(String endpoint) {
        return new Transfers(registry.counter("harmony4.bytes.in", "endpoint", endpoint, "engine", engine),
                registry.counter("harmony4.bytes.out", "endpoint", endpoint, "engine", engine),
                !endpoint.equals("compress") ? null : DistributionSummary.builder("harmony4.compression.ratio")
                        .description("content bytes per container byte, per compress request")
                        .tag("engine", engine)
                        .register(registry));
    }

    /**
     * One message compressed or decoded, per dictionary ({@code none} without one):
     * {@code harmony4_dictionary_messages_total}, {@code harmony4_dictionary_bytes_in_total} and
     * {@code harmony4_dictionary_bytes_out_total}, tagged by endpoint and dictionary id, beside the endpoint's bytes.
     */
    void message(String endpoint, String dictionary, long in, long out) {
        transferred(endpoint, in, out);
        MessageMeters meters = messages.computeIfAbsent(new MessageKey(endpoint, dictionary), this::messageMeters);
        meters.messages().increment();
        meters.in().increment(in);
        meters.out().increment(out);
    }

    private MessageMeters messageMeters(MessageKey key) {
        return new MessageMeters(
                registry.counter("harmony4.dictionary.messages", "endpoint", key.endpoint(), "dictionary",
                        key.dictionary(), "engine", engine),
                registry.counter("harmony4.dictionary.bytes.in", "endpoint", key.endpoint(), "dictionary",
                        key.dictionary(), "engine", engine),
                registry.counter("harmony4.dictionary.bytes.out", "endpoint", key.endpoint(), "dictionary",
                        key.dictionary(), "engine", engine));
    }

    /** One problem answer, by its type's short name ({@code corrupt-container}, ...). */
    void problem(String typeUri) {
        Counter.builder("harmony4.problems")
                .description("problem answers of the API, by problem type")
                .tag("type", typeUri.substring(typeUri.lastIndexOf(':') + 1))
                .tag("engine", engine)
                .register(registry)
                .increment();
    }
}
