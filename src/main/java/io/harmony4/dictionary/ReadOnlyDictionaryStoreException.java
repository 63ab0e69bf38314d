package io.harmony4.dictionary;

import java.nio.file.Path;

/**
 * The store's directory cannot be written (in production it is a read-only volume): dictionaries are read from it,
 * and new ones are rolled out by updating the volume, not through the service.
 */
public class ReadOnlyDictionaryStoreException extends DictionaryStoreException {
    private final transient Path dir;

    public ReadOnlyDictionaryStoreException(Path dir, Throwable cause) {
        this(dir, "the dictionary directory is read-only: dictionaries can be read, not stored", cause);
    }

    /** {@code message} says why the store is read-only (its directory, or the service's configuration). */
    public ReadOnlyDictionaryStoreException(Path dir, String message, Throwable cause) {
        super(message, cause);
        this.dir = dir;
    }

    /** For logs; the message names no path. */
    public Path dir() {
        return dir;
    }
}
