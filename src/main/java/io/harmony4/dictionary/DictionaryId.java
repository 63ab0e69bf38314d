package io.harmony4.dictionary;

import io.harmony4.digest.Sha256;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A dictionary's name: the SHA-256 of its bytes in lower-case hex (64 characters), as RFC 9842 names a dictionary.
 * Content-addressed, so that the same bytes have the same id on every replica and an id cannot point at other bytes.
 */
public record DictionaryId(String hex) {
    private static final int HEX_LENGTH = 64;

    public DictionaryId {
        Objects.requireNonNull(hex, "hex");
        if (!isValid(hex)) {
            throw new IllegalArgumentException("a dictionary id is 64 lower-case hex digits (a SHA-256), not '"
                    + (hex.length() > HEX_LENGTH ? hex.substring(0, HEX_LENGTH) + "…" : hex) + "'");
        }
    }

    /** The id of these bytes. */
    public static DictionaryId of(byte[] dictionary) {
        return new DictionaryId(HexFormat.of().formatHex(Sha256.of(dictionary)));
    }

    /**
     * {@code text} as an id.
     *
     * @throws IllegalArgumentException when it is not 64 lower-case hex digits
     */
    public static DictionaryId parse(String text) {
        return new DictionaryId(text);
    }

    /** Whether {@code text} has the form of an id: a file name that is not one is none of the store's. */
    public static boolean isValid(String text) {
        if (text.length() != HEX_LENGTH) {
            return false;
        }
        for (int i = 0; i < HEX_LENGTH; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** The 32 bytes of the hash, e.g. for RFC 9842's {@code dcz} header. */
    public byte[] sha256() {
        return HexFormat.of().parseHex(hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
