package io.harmony4.engine;

/**
 * The input to a decoder is not a valid, complete stream: truncated, damaged or forged.
 * Carries the offset in the input where the problem was found, so a person can locate it.
 */
public class CorruptInputException extends CompressionException {
    private final String what;
    private final long offset;

    public CorruptInputException(String what, long offset) {
        super(what + " (at offset " + offset + ")");
        this.what = what;
        this.offset = offset;
    }

    /** What was wrong, without the offset: for a caller that reports it at another offset (a stream's). */
    public String what() {
        return what;
    }

    /** Byte offset in the decoder's input where the problem was detected. */
    public long offset() {
        return offset;
    }
}
