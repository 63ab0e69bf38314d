package io.harmony4.engine;

/**
 * A message is larger than a stream's settings allow: given to a compressor (the stream goes on), or declared by a
 * frame given to a decompressor of engine frames (that stream then ends).
 */
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
