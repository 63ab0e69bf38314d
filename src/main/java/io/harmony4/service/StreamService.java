package io.harmony4.service;

import io.harmony4.config.ActiveEngine;
import io.harmony4.config.Harmony4Config;
import io.harmony4.dictionary.DictionaryId;
import io.harmony4.engine.CompressionEngine;
import io.harmony4.engine.CoreDictionary;
import io.harmony4.engine.DictionariesUnsupportedException;
import io.harmony4.engine.DictionaryCompression;
import io.harmony4.engine.MessageStreams;
import io.harmony4.engine.StreamFormat;
import io.harmony4.engine.StreamSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Live streams of messages (docs/streams.md): opens compressing and decompressing streams over the serving engine's
 * {@link MessageStreams}, seeded with a stored dictionary if asked, and counts the open ones against
 * {@code harmony4.streams.max-streams}. Their steps run on virtual threads of their own, not on the block pool: a
 * stream's message must not wait behind a container's 64 MiB of blocks (its latency is the point of a stream), and a
 * stream runs one step at a time, so at most {@code max-streams} steps run at once, on as many carriers as CPUs.
 */
@ApplicationScoped
public class StreamService {
    /** The format of a stream whose messages with its end are one zstd frame. */
    public static final String ZSTD_FRAME = "zstd-frame";
    /** The format of a stream whose messages are one frame of the serving engine each. */
    public static final String ENGINE_FRAMES = "engine-frames";

    private final ActiveEngine active;
    private final DictionaryService dictionaries;
    private final Harmony4Config.Streams config;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("harmony4-stream-", 0).factory());
    private final AtomicInteger open = new AtomicInteger();

    StreamService(ActiveEngine active, DictionaryService dictionaries, Harmony4Config config) {
        this.active = active;
        this.dictionaries = dictionaries;
        this.config = config.streams();
        int windowLog = this.config.windowLog();
        if (windowLog < MessageStreams.MIN_WINDOW_LOG || windowLog > MessageStreams.DEFAULT_WINDOW_LOG) {
            throw new IllegalStateException("harmony4.streams.window-log must be " + MessageStreams.MIN_WINDOW_LOG
                    + ".." + MessageStreams.DEFAULT_WINDOW_LOG + " (8 MiB, RFC 9659's bound), got " + windowLog);
        }
    }

    /** Takes a place for a new stream; false when {@code max-streams} are open. */
    public boolean tryOpen() {
        int max = config.maxStreams();
        return open.getAndUpdate(n -> n < max ? n + 1 : n) < max;
    }

    /** Gives back the place of a stream that ended. */
    public void closed() {
        open.decrementAndGet();
    }

    public int openStreams() {
        return open.get();
    }

    /** Whether a new stream would be refused now. */
    public boolean atCapacity() {
        return open.get() >= config.maxStreams();
    }

    public Harmony4Config.Streams config() {
        return config;
    }

    /** Where a stream's compression and decoding run. */
    public Executor executor() {
        return executor;
    }

    @PreDestroy
    void shutdown() {
        executor.shutdownNow();
    }

    /**
     * A compressing stream at {@code level} (null: the configured one), seeded with the stored dictionary
     * {@code dictionary} (null: none), with a checkpoint every {@code checkpointEvery} messages (null: the configured
     * interval; 0: only when asked).
     */
    public CompressingStream compressor(Integer level, String dictionary, Integer checkpointEvery) {
        int every = checkpointEvery == null ? config.checkpointEvery() : checkpointEvery;
        if (every < 0) {
            throw new StreamFailure(StreamFailure.Kind.POLICY, "checkpoint-every must be 0 or more, got " + every);
        }
        CompressionEngine engine = engineAt(level);
        MessageStreams streams = MessageStreams.of(engine);
        StreamDescription description = describe(engine, streams, dictionary);
        return seeded(engine, dictionary, seed -> new CompressingStream(
                streams.compressor(settings(engine, seed)), description, every));
    }

    /**
     * A decompressing stream for the serving engine's streams, with the stored dictionary {@code dictionary} (null:
     * none), delivering as {@code delivery} says ({@code verified}, the default, or {@code immediate}).
     */
    public DecompressingStream decompressor(String dictionary, String delivery) {
        DecompressingStream.Delivery mode = delivery(delivery);
        CompressionEngine engine = engineAt(null);
        MessageStreams streams = MessageStreams.of(engine);
        StreamDescription description = describe(engine, streams, dictionary);
        boolean refusesZstd = streams.format() == StreamFormat.ENGINE_FRAMES
                && !engine.info().codec().startsWith("zstd");
        return seeded(engine, dictionary, seed -> new DecompressingStream(
                streams.decompressor(settings(engine, seed)), description, refusesZstd, mode,
                config.maxHeldMessages(), config.maxHeldBytes().asLongValue()));
    }

    private StreamSettings settings(CompressionEngine engine, CoreDictionary seed) {
        return new StreamSettings(engine.info().level(), seed, config.windowLog(), maxMessageSize());
    }

    private int maxMessageSize() {
        return (int) Math.min(Integer.MAX_VALUE - 64, config.maxMessageSize().asLongValue());
    }

    private StreamDescription describe(CompressionEngine engine, MessageStreams streams, String dictionary) {
        String format = streams.format() == StreamFormat.ZSTD_FRAME ? ZSTD_FRAME : ENGINE_FRAMES;
        String name = engine.info().id() + "/" + engine.info().version();
        return new StreamDescription(format, name, engine.info().level(), Optional.ofNullable(dictionary),
                config.windowLog(), maxMessageSize());
    }

    private CompressionEngine engineAt(Integer level) {
        try {
            return EngineLevels.at(active, level);
        } catch (InvalidParameterException e) {
            throw new StreamFailure(StreamFailure.Kind.POLICY, "level: " + e.getMessage());
        }
    }

    /**
     * What {@code open} makes, seeded with the stored dictionary {@code text} names (null: none), digested once and
     * shared with the messages that use it: the engine's stream holds a lease on the digest from its creation to its
     * close, so the cache may evict the dictionary while the stream lives without freeing what the stream uses.
     */
    private <T> T seeded(CompressionEngine engine, String text, Function<CoreDictionary, T> open) {
        if (text == null) {
            return open.apply(null);
        }
        try {
            DictionaryCompression.of(engine);
        } catch (DictionariesUnsupportedException e) {
            throw new StreamFailure(StreamFailure.Kind.UNSUPPORTED, "the " + e.engineId() + " engine serves: "
                    + "streams take no dictionary");
        }
        DictionaryId id;
        try {
            id = DictionaryService.parseId(text, "dictionary");
        } catch (InvalidParameterException e) {
            throw new StreamFailure(StreamFailure.Kind.POLICY, "dictionary must be an id (64 lower-case hex digits), "
                    + "got " + StreamFailure.quoted(text));
        }
        try {
            return dictionaries.openWithDictionary(engine, id, open);
        } catch (UnknownDictionaryException e) {
            throw new StreamFailure(StreamFailure.Kind.POLICY, "unknown dictionary " + id.hex());
        } catch (DictionariesNotConfiguredException e) {
            throw new StreamFailure(StreamFailure.Kind.POLICY, "this service has no dictionary store");
        }
    }

    private static DecompressingStream.Delivery delivery(String text) {
        if (text == null) {
            return DecompressingStream.Delivery.VERIFIED;
        }
        try {
            return DecompressingStream.Delivery.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new StreamFailure(StreamFailure.Kind.POLICY, "delivery must be verified or immediate, got "
                    + StreamFailure.quoted(text));
        }
    }
}
