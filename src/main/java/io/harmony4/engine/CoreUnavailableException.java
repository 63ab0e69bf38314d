package io.harmony4.engine;

/**
 * The native core cannot be used: absent, not loadable, wrong ABI version, missing symbols or a failed self-test.
 * The message is safe to show to clients (health, engine info): it never contains a file path.
 */
public class CoreUnavailableException extends CompressionException {
    public CoreUnavailableException(String reason) {
        super(reason);
    }

    public CoreUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
