package io.harmony4.dictionary;

/**
 * Another dictionary of the store has the same zstd dictID. A frame names its dictionary only by that dictID, so two
 * could not be told apart: the second is refused, and both ids are named.
 */
public class DictionaryIdConflictException extends DictionaryStoreException {
    /** The dictID, the id of the dictionary already stored with it, and the id of the one refused. */
    public record Conflict(long dictId, String storedId, String offeredId) {}

    private final Conflict conflict;

    public DictionaryIdConflictException(long dictId, String storedId, String offeredId) {
        super("dictionary " + offeredId + " has zstd dictID " + dictId + ", which stored dictionary " + storedId
                + " already has");
        this.conflict = new Conflict(dictId, storedId, offeredId);
    }

    public Conflict conflict() {
        return conflict;
    }
}
