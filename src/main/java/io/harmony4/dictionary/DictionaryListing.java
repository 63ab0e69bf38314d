package io.harmony4.dictionary;

import java.util.List;

/**
 * What the store's directory holds: the dictionaries it serves, by id, and the files it refuses because their bytes
 * do not hash to their names (reported, never used).
 */
public record DictionaryListing(List<StoredDictionary> dictionaries, List<TamperedDictionaryException> refused) {
    public DictionaryListing {
        dictionaries = List.copyOf(dictionaries);
        refused = List.copyOf(refused);
    }
}
