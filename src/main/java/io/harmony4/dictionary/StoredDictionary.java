package io.harmony4.dictionary;

/**
 * One dictionary of the store, as listed: its id, its size in bytes, the zstd dictID its header names (0 for raw
 * content) and how it was made.
 */
public record StoredDictionary(DictionaryId id, int size, long dictId, DictionaryOrigin origin) {}
