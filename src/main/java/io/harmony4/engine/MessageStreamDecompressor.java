package io.harmony4.engine;

/** One stream's decompressing side: the compressor's messages, one after another, in its order. */
public interface MessageStreamDecompressor extends AutoCloseable {
    /**
     * Decodes one message's bytes as {@link MessageStreamCompressor#compress} (or {@code finish()}) gave them.
     *
     * @return exactly that message (empty for finish()'s bytes)
     * @throws CorruptInputException damaged bytes, bytes after the end, a window larger than the settings allow, a
     *     message larger than maxMessageSize that only decoding finds (the core's: a
     *     {@link DecodedMessageTooLargeException}, which says at which message); the exception says which; the stream
     *     is then unusable: every later call throws it again
     * @throws MessageTooLargeException a message its frame declares, or that decodes, larger than maxMessageSize
     *     (engine frames, whose header declares the size: refused before decoding); the stream is then unusable
     * @throws DictionaryMismatchException a frame that names another dictionary or needs one not given
     * @throws IllegalStateException after {@link #close()}
     */
    byte[] decompress(byte[] compressedMessage);

    /** True once the end of the stream (finish()'s bytes) has been decoded and its checksum checked. */
    boolean ended();

    /** Memory this stream holds now (native and heap), in bytes. */
    long memoryBytes();

    /** Idempotent; frees native memory. */
    @Override
    void close();
}
