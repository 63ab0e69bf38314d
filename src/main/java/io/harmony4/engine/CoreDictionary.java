package io.harmony4.engine;

import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A dictionary digested by the core ({@code h4_dict}): zstd's tables built once per compression level and shared by
 * every thread, so that a message pays no dictionary set-up. Made by {@link CoreEngine#dictionary(byte[])}, used
 * through {@link CoreEngine#withDictionary(CoreDictionary)}, freed by {@link #close()} (or by the engine's close).
 *
 * <p>Closing while calls use it is safe: each call holds a lease, and the native memory is freed when the last lease
 * ends; a call that starts after {@link #close()} is refused with an {@link IllegalStateException}.
 */
public final class CoreDictionary implements AutoCloseable {
    /** Set in {@link #state} once closed; the bits below count the calls that hold a lease. */
    private static final long CLOSED = 1L << 62;

    private final CoreLibrary lib;
    /** Kept to digest at other levels on their first use; the core copies what it needs. */
    private final byte[] bytes;
    private final long dictId;
    /** Digested as raw content whatever the bytes start with (h4_dict_create_raw), as RFC 9842's dcz applies them. */
    private final boolean rawContent;
    private final Map<Integer, MemorySegment> digests = new ConcurrentHashMap<>();
    /** The level digested first, and its digest: the one every call of the engine that made it takes, no map look-up. */
    private final int firstLevel;
    private final MemorySegment firstDigest;
    private final AtomicLong state = new AtomicLong();
    /** The engine's dictionaries not freed yet, which its close frees: this one is among them until freed. */
    private final Set<CoreDictionary> live;

    /**
     * Digests {@code bytes} at {@code level}, which checks them.
     *
     * @param rawContent the bytes as raw content, whatever they start with; else zstd's rule (its format when they
     *     start with its magic)
     * @param live the loaded core's dictionaries, which this one joins until it is freed
     * @throws InvalidDictionaryException for a zstd-format dictionary whose tables are damaged
     */
    CoreDictionary(CoreLibrary lib, byte[] bytes, int level, boolean rawContent, Set<CoreDictionary> live) {
        this.lib = lib;
        this.bytes = bytes.clone();
        this.rawContent = rawContent;
        this.live = live;
        MemorySegment first = lib.createDictionary(this.bytes, level, rawContent);
        digests.put(level, first);
        this.firstLevel = level;
        this.firstDigest = first;
        this.dictId = lib.dictionaryId(first);
        live.add(this);
    }

    /** Whether the bytes are digested as raw content whatever they start with ({@code h4_dict_create_raw}). */
    public boolean isRawContent() {
        return rawContent;
    }

    /** zstd's dictID from the dictionary's header, which the frames made with it name; 0 for raw content. */
    public long dictId() {
        return dictId;
    }

    /** The dictionary's size in bytes. */
    public int size() {
        return bytes.length;
    }

    /**
     * Whether zstd's tables for {@code level} are built already, so that a call at that level needs nothing but
     * memory; its first call at another level builds them (0.2 ms or more for a 110 KiB dictionary).
     */
    public boolean isDigestedAt(int level) {
        return level == firstLevel || digests.containsKey(level);
    }

    boolean isOf(CoreLibrary library) {
        return lib == library;
    }

    /**
     * The digest for {@code level}, made on its first use, under a lease that {@link #release()} must end.
     *
     * @throws IllegalStateException once closed
     */
    MemorySegment acquire(int level) {
        for (long s; ; ) {
            s = state.get();
            if ((s & CLOSED) != 0) {
                throw new IllegalStateException("dictionary is closed");
            }
            if (state.compareAndSet(s, s + 1)) {
                break;
            }
        }
        if (level == firstLevel) {
            return firstDigest;
        }
        try {
            return digests.computeIfAbsent(level, l -> lib.createDictionary(bytes, l, rawContent));
        } catch (RuntimeException | Error e) {
            release();
            throw e;
        }
    }

    /** Ends a lease; the last one after {@link #close()} frees the digests. */
    void release() {
        if (state.decrementAndGet() == CLOSED) {
            free();
        }
    }

    /** Refuses new calls; the digests are freed now, or when the last running call ends. Idempotent. */
    @Override
    public void close() {
        for (long s; ; ) {
            s = state.get();
            if ((s & CLOSED) != 0) {
                return;
            }
            if (state.compareAndSet(s, s | CLOSED)) {
                if (s == 0) {
                    free();
                }
                return;
            }
        }
    }

    /** Runs once: either {@link #close()} found no lease, or the last lease ended after it. */
    private void free() {
        digests.values().forEach(lib::freeDictionary);
        digests.clear();
        live.remove(this);
    }
}
