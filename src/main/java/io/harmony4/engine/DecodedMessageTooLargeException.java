package io.harmony4.engine;

/**
 * A stream's message decodes to more bytes than the stream's settings allow. The bytes may be sound, so the stream's
 * user can answer "too large" (naming the limit) instead of "damaged"; to the decoder it is input it refuses all the
 * same, and the stream cannot go on.
 */
public class DecodedMessageTooLargeException extends CorruptInputException {
    private final long message;
    private final long limit;

    /** Message number {@code message} (from 1), at {@code offset} in the stream, decodes to more than {@code limit}. */
    public DecodedMessageTooLargeException(long message, long limit, long offset) {
        super("message " + message + " decodes to more than the stream's limit of " + limit + " bytes", offset);
        this.message = message;
        this.limit = limit;
    }

    /** Which message, counted from 1. */
    public long message() {
        return message;
    }

    /** The stream's largest message, in bytes. */
    public long limit() {
        return limit;
    }
}
