package io.harmony4.engine;

import java.util.Objects;

/**
 * A capability, like {@link DictionaryCompression}: an engine that compresses a stream of messages with one context,
 * so that later messages compress against what the earlier ones taught it, and each message's bytes can be decoded as
 * soon as they arrive. {@link #of(CompressionEngine)} gives the engine's own streams (the core's) or, for any engine
 * of the frozen API, streams of one independent frame per message.
 *
 * <p>Thread use: one stream object is used by one thread at a time (the caller serialises); different streams run on
 * different threads at once.
 */
public interface MessageStreams {
    /** 8 MiB: RFC 9659's limit for zstd in HTTP, and the largest window a stream uses or accepts. */
    int DEFAULT_WINDOW_LOG = 23;
    /** zstd's {@code ZSTD_WINDOWLOG_MIN}: 1 KiB. */
    int MIN_WINDOW_LOG = 10;

    /** The engine's own streams (the core), or per-message frames of the frozen API for any other engine. */
    static MessageStreams of(CompressionEngine engine) {
        Objects.requireNonNull(engine, "engine");
        if (engine instanceof MessageStreams streams) {
            return streams;
        }
        return new PerMessageStreams(engine);
    }

    /** What the messages' bytes are: one zstd frame in all, or one frame of the engine each. */
    StreamFormat format();

    /**
     * A new compressing stream.
     *
     * @throws IllegalArgumentException for a level this engine does not have
     * @throws DictionariesUnsupportedException for a dictionary on an engine without dictionaries
     */
    MessageStreamCompressor compressor(StreamSettings settings);

    /**
     * A new decompressing stream, for the bytes of a compressor with the same dictionary and at most the same window.
     *
     * @throws DictionariesUnsupportedException for a dictionary on an engine without dictionaries
     */
    MessageStreamDecompressor decompressor(StreamSettings settings);
}
