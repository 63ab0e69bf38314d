package io.harmony4.service;

/** A request names a dictionary, by its id or by the dictID a frame carries, that the store does not hold. */
public final class UnknownDictionaryException extends RuntimeException {
    private final String id;
    private final long dictId;

    private UnknownDictionaryException(String message, String id, long dictId) {
        super(message);
        this.id = id;
        this.dictId = dictId;
    }

    static UnknownDictionaryException byId(String id) {
        return new UnknownDictionaryException("no dictionary " + id + " is stored; store it with PUT /v1/dictionaries/"
                + id + " or train one with POST /v1/dictionaries", id, 0);
    }

    static UnknownDictionaryException byDictId(long dictId) {
        return new UnknownDictionaryException("the frame names zstd dictID " + dictId + ", and no stored dictionary "
                + "has it; GET /v1/dictionaries lists each dictionary's dictID", null, dictId);
    }

    /** The id asked for, or null when the dictionary was looked up by dictID. */
    public String id() {
        return id;
    }

    /** The dictID a frame names, or 0 when the dictionary was looked up by id. */
    public long dictId() {
        return dictId;
    }
}
