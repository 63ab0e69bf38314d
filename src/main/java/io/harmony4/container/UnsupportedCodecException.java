package io.harmony4.container;

import io.harmony4.engine.CompressionException;

/** A block was made by an engine this process does not have. */
public class UnsupportedCodecException extends CompressionException {
    private final String engineId;

    public UnsupportedCodecException(String engineId, long offset) {
        super("block at offset " + offset + " was made by engine '" + engineId + "', which is not available here");
        this.engineId = engineId;
    }

    public String engineId() {
        return engineId;
    }
}
