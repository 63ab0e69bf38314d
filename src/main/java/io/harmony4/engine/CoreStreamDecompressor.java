package io.harmony4.engine;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A decompressing stream of the core ({@code h4_dstream}): the messages of one zstd frame, one by one. Decodes into
 * one buffer of the message limit, made on first use and kept (counted in {@link #memoryBytes()}), because the core
 * cannot resume a message that outgrew its buffer. The first error ends the stream: every later call throws it again.
 */
final class CoreStreamDecompressor extends CoreStream implements MessageStreamDecompressor {
    /** The longest zstd frame header: the one the dictID is read from when a frame names another dictionary. */
    private static final int MAX_FRAME_HEADER = 18;

    private final int windowLog;
    private final int maxMessageSize;
    private byte[] buffer;
    /** The stream's first bytes, which hold its frame header. */
    private byte[] header = new byte[0];
    /** Messages decoded so far and the stream's bytes before the next one: where errors are reported. */
    private long messages;
    private long offset;
    private CompressionException failure;
    private boolean ended;

    CoreStreamDecompressor(CoreLibrary lib, StreamSettings settings, Set<CoreStream> open) {
        super(lib, settings, digest -> lib.createDecompressingStream(digest, settings.windowLog()),
                lib::freeDecompressingStream, open);
        this.windowLog = settings.windowLog();
        this.maxMessageSize = settings.maxMessageSize();
    }

    @Override
    public synchronized byte[] decompress(byte[] compressedMessage) {
        Objects.requireNonNull(compressedMessage, "compressedMessage");
        MemorySegment stream = stream();
        if (failure != null) {
            throw failure;
        }
        if (header.length < MAX_FRAME_HEADER) {
            int kept = header.length;
            header = Arrays.copyOf(header, Math.min(MAX_FRAME_HEADER, kept + compressedMessage.length));
            System.arraycopy(compressedMessage, 0, header, kept, header.length - kept);
        }
        if (buffer == null) {
            buffer = new byte[maxMessageSize];
        }
        long number = messages + 1;
        long written = lib.streamDecompress(stream, buffer, maxMessageSize, compressedMessage);
        if (written < 0) {
            throw failure = failure(written, number);
        }
        if (written > maxMessageSize) {
            throw failure = new EngineFailureException("core reported a message of " + written + " bytes for a buffer"
                    + " of " + maxMessageSize);
        }
        messages = number;
        offset += compressedMessage.length;
        ended = lib.streamEnded(stream);
        return Arrays.copyOf(buffer, (int) written);
    }

    /** What the core's error code means at message {@code number}. */
    private CompressionException failure(long code, long number) {
        String at = "message " + number + ": ";
        return switch (CoreError.of(code)) {
            case DICTIONARY -> new DictionaryMismatchException(frameDictId(), dictionary == null
                    ? OptionalLong.empty() : OptionalLong.of(dictionary.dictId()));
            case WINDOW_TOO_LARGE -> new CorruptInputException(at + "the stream asks for a window larger than the "
                    + (1L << windowLog) + " bytes it may use", offset);
            case DST_TOO_SMALL -> new DecodedMessageTooLargeException(number, maxMessageSize, offset);
            case ENDED -> new CorruptInputException(at + "bytes after the end of the stream", offset);
            case CORRUPT -> new CorruptInputException(at + "damaged or truncated stream bytes", offset);
            case CHECKSUM -> new CorruptInputException(at + "the stream's content checksum does not match: a message"
                    + " decoded before was damaged", offset);
            case null, default -> new EngineFailureException("core stream decompress failed at message " + number
                    + ": " + lib.errorName(code));
        };
    }

    /** The dictID the frame's header names, 0 when it cannot be read. */
    private long frameDictId() {
        try {
            return lib.frameDictionaryId(header);
        } catch (CompressionException e) {
            return 0;
        }
    }

    @Override
    public synchronized boolean ended() {
        return ended;
    }

    @Override
    public synchronized long memoryBytes() {
        return isClosed() ? 0 : lib.decompressingStreamMemory(stream()) + (buffer == null ? 0 : buffer.length);
    }

    @Override
    void closed() {
        buffer = null;
    }
}
