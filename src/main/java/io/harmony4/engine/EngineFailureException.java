package io.harmony4.engine;

/** The engine itself misbehaved (a native result that fails its checks, memory exhausted): not the caller's fault. */
public class EngineFailureException extends CompressionException {
    public EngineFailureException(String message) {
        super(message);
    }
}
