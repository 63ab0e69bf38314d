package io.harmony4.dictionary;

import java.nio.file.Path;

/**
 * A file of the store whose bytes do not hash to its name: damaged or replaced. It is never used; the message names
 * the file (by its name: messages may reach clients, paths stay with {@link #file()}) and the hash its bytes have,
 * so that an operator can find and remove it.
 */
public class TamperedDictionaryException extends DictionaryStoreException {
    private final transient Path file;
    private final String actualSha256;

    public TamperedDictionaryException(Path file, String actualSha256) {
        super("dictionary file " + file.getFileName() + " does not hash to its name: its bytes have SHA-256 " + actualSha256
                + "; it is refused");
        this.file = file;
        this.actualSha256 = actualSha256;
    }

    public Path file() {
        return file;
    }

    /** The SHA-256 the file's bytes really have, lower-case hex. */
    public String actualSha256() {
        return actualSha256;
    }
}
