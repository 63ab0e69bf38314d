package io.harmony4.engine;

/** Bytes that cannot be used as a dictionary: a zstd-format dictionary whose entropy tables are damaged. */
public class InvalidDictionaryException extends CompressionException {
    public InvalidDictionaryException(String message) {
        super(message);
    }
}
