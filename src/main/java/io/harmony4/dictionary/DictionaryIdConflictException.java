package io.harmony4.dictionary;

/**
 * Another dictionary of the store has the same zstd dictID. A frame names its dictionary only by that dictID, so two
 * could not be told apart: the second is refused, and both ids are named.
 */
public class DictionaryIdConflictException extends DictionaryStoreException {
    private final long dictId;
    private final String storedId;
    private final String offeredId;

    public DictionaryIdConflictException(long dictId, String storedId, String offeredId) {
        super("dictionary " + offeredId + " has zstd dictID " + dictId + ", which stored dictionary " + storedId
                + " already has");
        this.dictId = dictId;
        this.storedId = storedId;
        this.offeredId = offeredId;
    }

    public long dictId() {
        return dictId;
    }

    /** The id of the dictionary already stored. */
    public String storedId() {
        return storedId;
    }

    /** The id of the dictionary refused. */
    public String offeredId() {
        return offeredId;
    }
}
