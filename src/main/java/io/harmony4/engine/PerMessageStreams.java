package io.harmony4.engine;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Streams for an engine of the frozen API that keeps no context across calls (the reference engine): each message is
 * one frame of the engine, made and decoded on its own ({@link StreamFormat#ENGINE_FRAMES}), and the end of the stream
 * is empty bytes. Such an engine has one level and no dictionaries: the settings must ask for that level and none.
 */
final class PerMessageStreams implements MessageStreams {
    private final CompressionEngine engine;

    PerMessageStreams(CompressionEngine engine) {
        this.engine = engine;
    }

    @Override
    public StreamFormat format() {
        return StreamFormat.ENGINE_FRAMES;
    }

    @Override
    public MessageStreamCompressor compressor(StreamSettings settings) {
        check(settings);
        return new Compressor(engine, settings.maxMessageSize());
    }

    @Override
    public MessageStreamDecompressor decompressor(StreamSettings settings) {
        check(settings);
        return new Decompressor(engine, settings.maxMessageSize());
    }

    private void check(StreamSettings settings) {
        Objects.requireNonNull(settings, "settings");
        EngineInfo info = engine.info();
        if (settings.dictionary() != null) {
            throw new DictionariesUnsupportedException(info.id());
        }
        if (settings.level() != info.level()) {
            throw new IllegalArgumentException("the engine " + info.id() + " streams at its level " + info.level()
                    + " only, not at " + settings.level());
        }
    }

    /** Each message one frame of the engine. */
    private static final class Compressor implements MessageStreamCompressor {
        private final CompressionEngine engine;
        private final int maxMessageSize;
        private boolean open = true;

        Compressor(CompressionEngine engine, int maxMessageSize) {
            this.engine = engine;
            this.maxMessageSize = maxMessageSize;
        }

        @Override
        public byte[] compress(byte[] message) {
            Objects.requireNonNull(message, "message");
            ensureOpen();
            if (message.length > maxMessageSize) {
                throw new MessageTooLargeException(message.length, maxMessageSize);
            }
            byte[] frame = engine.compress(message);
            // empty bytes end the stream: a frame never is
            if (frame.length == 0) {
                throw new EngineFailureException("the engine " + engine.info().id() + " made an empty frame");
            }
            return frame;
        }

        @Override
        public byte[] finish() {
            ensureOpen();
            open = false;
            return new byte[0];
        }

        private void ensureOpen() {
            if (!open) {
                throw new IllegalStateException("the stream is finished or closed");
            }
        }

        /** Nothing is kept between messages. */
        @Override
        public long memoryBytes() {
            return 0;
        }

        @Override
        public void close() {
            open = false;
        }
    }

    /**
     * Each message's bytes one frame of the engine, until empty bytes end the stream. A frame that declares more than
     * the limit (an engine with {@link DeclaredContentSize}: the reference) is refused before it is decoded, as the
     * decoder would allocate what it declares; any other is refused once decoded.
     */
    private static final class Decompressor implements MessageStreamDecompressor {
        private final CompressionEngine engine;
        private final int maxMessageSize;
        /** Messages decoded so far, and the stream's bytes before the next one: where errors are reported. */
        private long messages;
        private long offset;
        private boolean ended;
        private boolean closed;
        /** The error that ended the stream, thrown again by every later call. */
        private CompressionException failure;

        Decompressor(CompressionEngine engine, int maxMessageSize) {
            this.engine = engine;
            this.maxMessageSize = maxMessageSize;
        }

        @Override
        public byte[] decompress(byte[] compressedMessage) {
            Objects.requireNonNull(compressedMessage, "compressedMessage");
            if (closed) {
                throw new IllegalStateException("the stream is closed");
            }
            if (failure != null) {
                throw failure;
            }
            long number = messages + 1;
            if (ended) {
                throw fail(new CorruptInputException("message " + number + ": " + compressedMessage.length
                        + " bytes after the end of the stream", offset));
            }
            if (compressedMessage.length == 0) {
                ended = true;
                messages = number;
                return compressedMessage;
            }
            OptionalLong declared = DeclaredContentSize.of(engine, compressedMessage);
            if (declared.isPresent() && declared.getAsLong() > maxMessageSize) {
                throw fail(new MessageTooLargeException(declared.getAsLong(), maxMessageSize));
            }
            byte[] message;
            try {
                message = engine.decompress(compressedMessage);
            } catch (DictionaryMismatchException e) {
                throw fail(e);
            } catch (CorruptInputException e) {
                throw fail(new CorruptInputException("message " + number + ": " + e.what(), offset + e.offset()));
            }
            if (message.length > maxMessageSize) {
                throw fail(new MessageTooLargeException(message.length, maxMessageSize));
            }
            messages = number;
            offset += compressedMessage.length;
            return message;
        }

        private <E extends CompressionException> E fail(E e) {
            failure = e;
            return e;
        }

        /** An engine frame carries its own check (the reference engine's CRC32C), verified per message. */
        @Override
        public boolean ended() {
            return ended;
        }

        @Override
        public long memoryBytes() {
            return 0;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
