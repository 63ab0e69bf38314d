package io.harmony4.digest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256, the one digest of harmony4: of a container's blocks, its version 1 content and its content root, of a
 * dictionary (its id), and of a message's content. One place that asks the JDK for it, for every layer above.
 */
public final class Sha256 {
    /** Bytes in a digest. */
    public static final int SIZE = 32;
    /**
     * Never updated: each digest is a clone of it. {@link MessageDigest#getInstance} looks the provider up and makes
     * the instance by reflection on every call, which took about a tenth of a small message's time on the service's
     * path (JFR).
     */
    private static final MessageDigest PROTOTYPE = create();

    private Sha256() {}

    /** A digest to update piece by piece. */
    public static MessageDigest newDigest() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return create(); // a provider whose digests cannot be cloned
        }
    }

    /** The digest of {@code bytes}. */
    public static byte[] of(byte[] bytes) {
        return newDigest().digest(bytes);
    }

    /**
     * The digest of {@code bytes} from its position to its limit, which it moves to the limit. Direct memory is
     * hashed through a small array of the JDK's, a copy that stays in the cache.
     */
    public static byte[] of(java.nio.ByteBuffer bytes) {
        MessageDigest digest = newDigest();
        digest.update(bytes);
        return digest.digest();
    }

    private static MessageDigest create() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
