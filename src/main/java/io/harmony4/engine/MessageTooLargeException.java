package io.harmony4.engine;

/** A message given to a stream's compressor is larger than the stream's settings allow; the stream goes on. */
public class MessageTooLargeException extends CompressionException {
    private final long size;
    private final long limit;

    public MessageTooLargeException(long size, long limit) {
        super("a message of " + size + " bytes is larger than the stream's limit of " + limit + " bytes");
        this.size = size;
        this.limit = limit;
    }

    public long size() {
        return size;
    }

    public long limit() {
        return limit;
    }
}
