package io.harmony4.engine;

import java.lang.foreign.MemorySegment;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * What both sides of a core stream hold: the native stream, a lease on its dictionary's digest, and a place among
 * the engine's open streams, whose close frees any stream still open. Synchronised, so that a close from another
 * thread never frees the native stream under a running call.
 */
abstract sealed class CoreStream implements AutoCloseable permits CoreStreamCompressor, CoreStreamDecompressor {
    final CoreLibrary lib;
    final CoreDictionary dictionary;
    /** The level whose digest the lease holds. */
    private final int level;
    private final Set<CoreStream> open;
    private final Consumer<MemorySegment> free;
    /** The native stream; null once closed. */
    private MemorySegment stream;

    /**
     * @param create makes the native stream from the dictionary's digest (NULL for none)
     * @param free frees it
     * @param open the engine's open streams, which this one joins until closed
     */
    CoreStream(CoreLibrary lib, StreamSettings settings, UnaryOperator<MemorySegment> create,
            Consumer<MemorySegment> free, Set<CoreStream> open) {
        this.lib = lib;
        this.dictionary = settings.dictionary();
        this.level = settings.level();
        this.open = open;
        this.free = free;
        MemorySegment digest = dictionary == null ? MemorySegment.NULL : dictionary.acquire(level);
        try {
            this.stream = create.apply(digest);
        } catch (RuntimeException e) {
            releaseDictionary();
            throw e;
        }
        open.add(this);
    }

    /**
     * The native stream, for a call made under this object's lock.
     *
     * @throws IllegalStateException once closed
     */
    final MemorySegment stream() {
        if (stream == null) {
            throw new IllegalStateException("the stream is closed");
        }
        return stream;
    }

    final boolean isClosed() {
        return stream == null;
    }

    /** Idempotent; frees the native stream and ends the dictionary's lease. */
    @Override
    public synchronized void close() {
        if (stream == null) {
            return;
        }
        free.accept(stream);
        stream = null;
        releaseDictionary();
        open.remove(this);
        closed();
    }

    /** What a side drops besides the native stream, under the lock. */
    void closed() {}

    private void releaseDictionary() {
        if (dictionary != null) {
            dictionary.release(level);
        }
    }
}
