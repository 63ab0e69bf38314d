package io.harmony4.engine;

/** One stream's compressing side: {@link #compress} of one message after another, then {@link #finish()}. */
public interface MessageStreamCompressor extends AutoCloseable {
    /**
     * Compresses one message and flushes: these bytes, after the earlier ones, let a decoder restore the message now.
     * Deterministic: the same messages with the same settings give the same bytes. An empty message is allowed.
     *
     * @throws MessageTooLargeException for a message larger than the settings' maxMessageSize (the stream goes on)
     * @throws IllegalStateException after {@link #finish()} or {@link #close()}
     */
    byte[] compress(byte[] message);

    /**
     * Ends the stream: the bytes that end the frame (last block and checksum); empty for
     * {@link StreamFormat#ENGINE_FRAMES}.
     *
     * @throws IllegalStateException after {@link #finish()} or {@link #close()}
     */
    byte[] finish();

    /** Memory this stream holds now (native and heap), in bytes. */
    long memoryBytes();

    /** Idempotent; frees native memory. */
    @Override
    void close();
}
