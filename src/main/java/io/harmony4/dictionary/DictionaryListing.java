package io.harmony4.dictionary;

import java.util.List;

/**
 * What the store's directory holds: the dictionaries it serves, by id, the files it refuses because their bytes do
 * not hash to their names, and the files it could not read (both reported, never used).
 */
public record DictionaryListing(List<StoredDictionary> dictionaries, List<TamperedDictionaryException> refused,
        List<DictionaryStoreFailureException> unreadable) {
    public DictionaryListing {
        dictionaries = List.copyOf(dictionaries);
        refused = List.copyOf(refused);
        unreadable = List.copyOf(unreadable);
    }
}
