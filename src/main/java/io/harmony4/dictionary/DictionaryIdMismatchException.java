package io.harmony4.dictionary;

/** Bytes offered under an id that is not their SHA-256 (a {@code PUT /v1/dictionaries/{id}} of other bytes). */
public class DictionaryIdMismatchException extends DictionaryStoreException {
    private final String namedId;
    private final String actualId;

    public DictionaryIdMismatchException(String namedId, String actualId) {
        super("the dictionary was named " + namedId + " but its bytes have SHA-256 " + actualId);
        this.namedId = namedId;
        this.actualId = actualId;
    }

    public String namedId() {
        return namedId;
    }

    public String actualId() {
        return actualId;
    }
}
