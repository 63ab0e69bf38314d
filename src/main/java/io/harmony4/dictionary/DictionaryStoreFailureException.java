package io.harmony4.dictionary;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * The store's directory or one of its files could not be read or written (permissions, a symbolic link loop, a full
 * disk): the service's problem, not the client's. The message says what failed and why, naming a file by its name
 * only, as it may reach clients; the path is in {@link #path()} and the cause, for the log.
 */
public class DictionaryStoreFailureException extends DictionaryStoreException {
    private final transient Path path;

    /** {@code what}: what could not be done, e.g. "dictionary file <id> could not be read". */
    public DictionaryStoreFailureException(String what, Path path, IOException cause) {
        super(what + ": " + reason(cause), cause);
        this.path = path;
    }

    /** The file or directory, for logs. */
    public Path path() {
        return path;
    }

    /** The operating system's reason, without the path that {@link FileSystemException#getMessage()} starts with. */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs) {
            return fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
