package io.harmony4.container;

import io.harmony4.engine.CorruptInputException;

/** An H4MK container is malformed, damaged or truncated: says what, in which chunk, at which offset. */
public class CorruptContainerException extends CorruptInputException {
    private final String chunk;

    public CorruptContainerException(String what, String chunk, long offset) {
        super(what + " [chunk " + chunk + "]", offset);
        this.chunk = chunk;
    }

    /** The chunk type where the problem is ({@code HEAD}, {@code CORE}, ...), or {@code file} for the preamble. */
    public String chunk() {
        return chunk;
    }
}
