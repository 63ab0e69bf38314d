package io.harmony4.container;

import io.harmony4.engine.CompressionException;

/** A requested byte range does not lie within the container's content. */
public class InvalidRangeException extends CompressionException {
    public InvalidRangeException(long offset, long length, long contentSize) {
        super("range offset " + offset + ", length " + length + " is outside the content of " + contentSize
                + " bytes");
    }
}
