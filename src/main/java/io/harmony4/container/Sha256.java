package io.harmony4.container;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The digest of blocks, of version 1 content and of the content root: one SHA-256 for the writer and both readers. */
final class Sha256 {
    /** Bytes in a digest. */
    static final int SIZE = 32;

    private Sha256() {}

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
