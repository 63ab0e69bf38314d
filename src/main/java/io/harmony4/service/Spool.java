package io.harmony4.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a result waits until it is complete and verified: in memory up to a threshold, then in a temporary file.
 * {@link #close()} deletes the file, whatever happened, so a failed or abandoned request leaves nothing behind.
 */
public final class Spool extends OutputStream {
    private final long memoryThreshold;
    private final Path dir;
    private ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private Path file;
    private OutputStream fileOut;
    private long size;

    public Spool(long memoryThreshold, Path dir) {
        this.memoryThreshold = memoryThreshold;
        this.dir = dir;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    /** A failure of the spool itself (disk full, folder missing): the service's problem, not the client's. */
    public static final class SpoolException extends java.io.UncheckedIOException {
        SpoolException(IOException cause) {
            super("spooling failed: " + cause.getMessage(), cause);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        try {
            if (fileOut == null && size + len > memoryThreshold) {
                file = Files.createTempFile(dir, "harmony4-", ".spool");
                fileOut = Files.newOutputStream(file);
                memory.writeTo(fileOut);
                memory = null;
            }
            if (fileOut != null) {
                fileOut.write(b, off, len);
            } else {
                memory.write(b, off, len);
            }
        } catch (IOException e) {
            throw new SpoolException(e);
        }
        size += len;
    }

    /** Bytes written so far. */
    public long size() {
        return size;
    }

    /** The temporary file, if the spool went to disk (for random access); null while in memory. */
    public Path fileOrNull() throws IOException {
        if (fileOut != null) {
            fileOut.close();
        }
        return file;
    }

    /** Everything written, when it stayed in memory. */
    public byte[] bytesOrNull() {
        return memory == null ? null : memory.toByteArray();
    }

    /** Deletes the temporary file; safe to call more than once and from another thread. */
    @Override
    public synchronized void close() throws IOException {
        try {
            if (fileOut != null) {
                fileOut.close();
            }
        } finally {
            if (file != null) {
                Files.deleteIfExists(file);
            }
            memory = null;
        }
    }
}
