package io.harmony4.dictionary;

import java.nio.file.Path;

/**
 * A file of the store whose bytes do not hash to its name: damaged or replaced. It is never used; the message names
 * the file (by its name: messages may reach clients, the path stays in {@link Refusal#file()}) and the hash its
 * bytes have, so that an operator can find and remove it.
 */
public class TamperedDictionaryException extends DictionaryStoreException {
    /** The file refused, and the SHA-256 its bytes really have (lower-case hex). */
    public record Refusal(Path file, String actualSha256) {}

    private final transient Refusal refusal;

    public TamperedDictionaryException(Path file, String actualSha256) {
        super("dictionary file " + file.getFileName() + " does not hash to its name: its bytes have SHA-256 "
                + actualSha256 + "; it is refused");
        this.refusal = new Refusal(file, actualSha256);
    }

    public Refusal refusal() {
        return refusal;
    }
}
