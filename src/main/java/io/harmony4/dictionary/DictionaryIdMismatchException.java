package io.harmony4.dictionary;

/** Bytes offered under an id that is not their SHA-256 (a {@code PUT /v1/dictionaries/{id}} of other bytes). */
public class DictionaryIdMismatchException extends DictionaryStoreException {
    /** The id the bytes were offered under, and the SHA-256 they have. */
    public record Ids(String namedId, String actualId) {}

    private final Ids ids;

    public DictionaryIdMismatchException(String namedId, String actualId) {
        super("the dictionary was named " + namedId + " but its bytes have SHA-256 " + actualId);
        this.ids = new Ids(namedId, actualId);
    }

    public Ids ids() {
        return ids;
    }
}
