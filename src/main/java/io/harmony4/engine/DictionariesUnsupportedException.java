package io.harmony4.engine;

/**
 * The serving engine has no dictionaries (the reference engine's format has none): a request for one is refused as
 * a whole, never answered without it. The message names the engine.
 */
public class DictionariesUnsupportedException extends CompressionException {
    private final String engineId;

    public DictionariesUnsupportedException(String engineId) {
        super("the engine " + engineId + " has no dictionaries: they need the native core (h4-core)");
        this.engineId = engineId;
    }

    public String engineId() {
        return engineId;
    }
}
