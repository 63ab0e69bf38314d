package io.harmony4.engine;

/** Base of every error an engine reports. Unchecked so callers handle it where they can act on it. */
public class CompressionException extends RuntimeException {
    public CompressionException(String message) {
        super(message);
    }

    public CompressionException(String message, Throwable cause) {
        super(message, cause);
    }
}
