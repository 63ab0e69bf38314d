package io.harmony4.engine;

import java.util.OptionalLong;

/**
 * The frame was made with a zstd dictionary other than the one given, or needs one and none was given: it names the
 * dictionary by its dictID ({@link #frameDictId()}). A corrupt input to this engine, and more precisely typed, so
 * that a service can answer "needs a dictionary" ({@link #needsADictionary()}) or "unknown dictionary" instead of
 * "damaged".
 */
public class DictionaryMismatchException extends CorruptInputException {
    private final long frameDictId;
    private final OptionalLong givenDictId;

    public DictionaryMismatchException(long frameDictId, OptionalLong givenDictId) {
        super(givenDictId.isPresent()
                ? "the frame was made with the dictionary of dictID " + frameDictId
                        + ", not with the one given (dictID " + givenDictId.getAsLong() + ")"
                : "the frame was made with the dictionary of dictID " + frameDictId + " and none was given", 0);
        this.frameDictId = frameDictId;
        this.givenDictId = givenDictId;
    }

    /** The dictID the frame's header names. */
    public long frameDictId() {
        return frameDictId;
    }

    /** The dictID of the dictionary the decoder was given; empty when it was given none. */
    public OptionalLong givenDictId() {
        return givenDictId;
    }

    /** The decoder was given no dictionary. */
    public boolean needsADictionary() {
        return givenDictId.isEmpty();
    }
}
