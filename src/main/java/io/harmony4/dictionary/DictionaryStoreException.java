package io.harmony4.dictionary;

/** Base of the store's typed refusals; unchecked, so that callers handle them where they can answer them. */
public class DictionaryStoreException extends RuntimeException {
    public DictionaryStoreException(String message) {
        super(message);
    }

    public DictionaryStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
