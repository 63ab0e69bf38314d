package io.harmony4.container;

import io.harmony4.engine.CompressionException;

/** A container declares more than the configured limits allow; refused before anything is allocated for it. */
public class LimitExceededException extends CompressionException {
    private final String limit;
    private final long declared;
    private final long allowed;

    public LimitExceededException(String limit, long declared, long allowed, String chunk, long offset) {
        super(limit + ": declared " + Long.toUnsignedString(declared) + ", limit " + allowed + " [chunk " + chunk
                + "] (at offset " + offset + ")");
        this.limit = limit;
        this.declared = declared;
        this.allowed = allowed;
    }

    /** Which limit: {@code block size}, {@code block count}, {@code content size}. */
    public String limit() {
        return limit;
    }

    public long declared() {
        return declared;
    }

    public long allowed() {
        return allowed;
    }
}
