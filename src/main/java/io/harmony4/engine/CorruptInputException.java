package io.harmony4.engine;

/**
 * The input to a decoder is not a valid, complete stream: truncated, damaged or forged.
 * Carries the offset in the input where the problem was found, so a person can locate it.
 */
public class CorruptInputException extends CompressionException {
    private final long offset;

    public CorruptInputException(String what, long offset) {
        super(what + " (at offset " + offset + ")");
        this.offset = offset;
    }

    /** Byte offset in the decoder's input where the problem was detected. */
    public long offset() {
        return offset;
    }
}
