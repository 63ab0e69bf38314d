package io.harmony4.engine;

/** What the bytes of a stream's messages are, which tells a receiver how to decode them without harmony4. */
public enum StreamFormat {
    /**
     * The messages' bytes concatenated (with the end {@link MessageStreamCompressor#finish()} gives) are one RFC 8878
     * zstd frame, which the {@code zstd} command decodes; each message's bytes end on a flushed block.
     */
    ZSTD_FRAME,
    /**
     * Each message's bytes are one whole frame of the engine, made on its own (the reference engine keeps no context
     * across messages); the end of the stream is empty.
     */
    ENGINE_FRAMES
}
