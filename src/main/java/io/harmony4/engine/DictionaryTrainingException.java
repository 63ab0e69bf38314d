package io.harmony4.engine;

/**
 * The samples cannot make a dictionary (too few, too small or too alike), or the size asked for cannot hold one:
 * the caller's to change, not a failure of the engine.
 */
public class DictionaryTrainingException extends CompressionException {
    public DictionaryTrainingException(String message) {
        super(message);
    }
}
