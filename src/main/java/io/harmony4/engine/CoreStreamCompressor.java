package io.harmony4.engine;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * A compressing stream of the core ({@code h4_cstream}): one zstd frame for the whole stream, a flush per message
 * ({@link StreamFormat#ZSTD_FRAME}).
 */
final class CoreStreamCompressor extends CoreStream implements MessageStreamCompressor {
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final int maxMessageSize;
    private boolean finished;

    /** @throws IllegalArgumentException for a level or window the core refuses */
    CoreStreamCompressor(CoreLibrary lib, StreamSettings settings, Set<CoreStream> open) {
        super(lib, settings, digest -> lib.createCompressingStream(settings.level(), digest, settings.windowLog()),
                lib::freeCompressingStream, open);
        this.maxMessageSize = settings.maxMessageSize();
    }

    @Override
    public synchronized byte[] compress(byte[] message) {
        Objects.requireNonNull(message, "message");
        ensureUsable();
        if (message.length > maxMessageSize) {
            throw new MessageTooLargeException(message.length, maxMessageSize);
        }
        return written(message.length, dst -> lib.streamCompress(stream(), dst, message));
    }

    @Override
    public synchronized byte[] finish() {
        ensureUsable();
        finished = true;
        return written(0, dst -> lib.streamFinish(stream(), dst));
    }

    @FunctionalInterface
    private interface Writer {
        long write(byte[] dst);
    }

    /** The bytes {@code writer} puts into a buffer of the core's bound for {@code size}, the count checked. */
    private byte[] written(int size, Writer writer) {
        long bound = lib.streamBound(size);
        if (bound <= 0 || bound > MAX_ARRAY) {
            throw new CompressionException("a message of " + size + " bytes is too large for one core call");
        }
        byte[] dst = new byte[(int) bound];
        long written = writer.write(dst);
        if (written > bound) {
            throw new EngineFailureException("core reported " + written + " stream bytes for a buffer of " + bound);
        }
        return Arrays.copyOf(dst, (int) written);
    }

    private void ensureUsable() {
        stream();
        if (finished) {
            throw new IllegalStateException("the stream is finished");
        }
    }

    @Override
    public synchronized long memoryBytes() {
        return isClosed() ? 0 : lib.compressingStreamMemory(stream());
    }
}
