package io.harmony4.engine;

/**
 * How a stream compresses and what it accepts.
 *
 * @param level the engine's level (checked by the engine: the core has a range, other engines only their own level)
 * @param dictionary the dictionary that seeds the stream, or null for none; a non-null one on an engine without
 *     dictionaries is a {@link DictionariesUnsupportedException}
 * @param windowLog {@link MessageStreams#MIN_WINDOW_LOG}..{@link MessageStreams#DEFAULT_WINDOW_LOG}: the compressor's
 *     window is 2^windowLog bytes, and the decompressor refuses a frame that asks for a larger one
 * @param maxMessageSize the largest message, in bytes: the compressor refuses a larger one, the decompressor refuses
 *     a message that decodes to more
 */
public record StreamSettings(int level, CoreDictionary dictionary, int windowLog, int maxMessageSize) {
    public StreamSettings {
        if (windowLog < MessageStreams.MIN_WINDOW_LOG || windowLog > MessageStreams.DEFAULT_WINDOW_LOG) {
            throw new IllegalArgumentException("window log " + windowLog + " is outside "
                    + MessageStreams.MIN_WINDOW_LOG + ".." + MessageStreams.DEFAULT_WINDOW_LOG);
        }
        if (maxMessageSize <= 0) {
            throw new IllegalArgumentException("largest message size " + maxMessageSize + " is not positive");
        }
    }

    /** No dictionary, the default (largest) window. */
    public static StreamSettings of(int level, int maxMessageSize) {
        return new StreamSettings(level, null, MessageStreams.DEFAULT_WINDOW_LOG, maxMessageSize);
    }

    /** These settings seeded with {@code dictionary} (null: none). */
    public StreamSettings withDictionary(CoreDictionary dictionary) {
        return new StreamSettings(level, dictionary, windowLog, maxMessageSize);
    }

    /** These settings with another window log. */
    public StreamSettings withWindowLog(int otherWindowLog) {
        return new StreamSettings(level, dictionary, otherWindowLog, maxMessageSize);
    }
}
