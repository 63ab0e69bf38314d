package io.harmony4.engine;

import java.lang.foreign.MemorySegment;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A dictionary digested by the core ({@code h4_dict}): zstd's tables built once per compression level and shared by
 * every thread, so that a message pays no dictionary set-up. Made by {@link CoreEngine#dictionary(byte[])}, used
 * through {@link CoreEngine#withDictionary(CoreDictionary)}, freed by {@link #close()} (or by the engine's close).
 *
 * <p>At most {@link #MAX_LEVELS} levels stay digested: the level it was made at, and the most recently used others.
 * Each digest takes up to about 2 MB of native memory for a dictionary of zstd's default size (docs/core-engine.md),
 * and a caller may name any of zstd's levels, so keeping every level used would let calls at new levels grow it
 * without end. A digest beyond the bound is freed once no call holds it; a call at a level no longer kept digests it
 * again, to the same tables, so the frames do not change.
 *
 * <p>Closing while calls use it is safe: each call holds a lease, and the native memory is freed when the last lease
 * ends; a call that starts after {@link #close()} is refused with an {@link IllegalStateException}.
 */
public final class CoreDictionary implements AutoCloseable {
    /** The most levels kept digested at once, the first one included (a level in use may add to them until freed). */
    public static final int MAX_LEVELS = 4;
    /** Set in {@link #state} once closed; the bits below count the calls that hold a lease. */
    private static final long CLOSED = 1L << 62;

    private final CoreLibrary lib;
    /** Kept to digest at other levels on their first use; the core copies what it needs. */
    private final byte[] bytes;
    private final long dictId;
    /** Digested as raw content whatever the bytes start with (h4_dict_create_raw), as RFC 9842's dcz applies them. */
    private final boolean rawContent;
    /** The level digested first, and its digest: kept until closed, and every call at it takes it with no look-up. */
    private final int firstLevel;
    private final MemorySegment firstDigest;
    /** What {@link #holdIfDigested} gives at the first level: holds nothing, so closing it does nothing. */
    private final Hold firstLevelHold;
    /** The digests at other levels, least recently used first; guarded by itself. */
    private final LinkedHashMap<Integer, LevelDigest> others = new LinkedHashMap<>(8, 0.75f, true);
    /** Held while a level is digested, so that calls that miss it at once make it once, not each their own. */
    private final Object digesting = new Object();
    private final AtomicLong state = new AtomicLong();
    /** The engine's dictionaries not freed yet, which its close frees: this one is among them until freed. */
    private final Set<CoreDictionary> live;

    /** A digest at a level other than the first, and how many calls hold it (under the lock of {@link #others}). */
    private static final class LevelDigest {
        final MemorySegment digest;
        int leases;

        LevelDigest(MemorySegment digest) {
            this.digest = digest;
        }
    }

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
        this.firstLevel = level;
        this.firstLevelHold = new Hold(level, false);
        this.firstDigest = lib.createDictionary(this.bytes, level, rawContent);
        this.dictId = lib.dictionaryId(firstDigest);
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
     * Whether zstd's tables for {@code level} are built now, so that a call at that level needs nothing but memory;
     * its first call at another level (or at one no longer kept) builds them (0.2 ms or more for a 110 KiB
     * dictionary). {@link #holdIfDigested} answers the same and keeps the answer true.
     */
    public boolean isDigestedAt(int level) {
        if (level == firstLevel) {
            return true;
        }
        synchronized (others) {
            return others.containsKey(level);
        }
    }

    /**
     * A lease on the digest at {@code level} if it is built and this dictionary is open, else null (at the first
     * level a hold that holds nothing, whether open or not: see below): never builds
     * tables, for a caller that must not take that time (an event loop). While held, the digest is not freed, so that
     * the calls made at that level meanwhile find it built. Close it after them.
     *
     * <p>At the first level it takes nothing: that digest lives until the dictionary is freed, which a call's own
     * lease already prevents (a call on a dictionary closed meanwhile is refused with an
     * {@link IllegalStateException}, as without a hold). So the common message pays no more than before levels were
     * bounded.
     */
    public Hold holdIfDigested(int level) {
        if (level == firstLevel) {
            return firstLevelHold;
        }
        if (!enter()) {
            return null;
        }
        if (leaseKept(level) != null) {
            return new Hold(level, true);
        }
        exit();
        return null;
    }

    /** A lease taken by {@link #holdIfDigested}; closing it again does nothing. */
    public final class Hold implements AutoCloseable {
        private final int level;
        private boolean held;

        /** {@code held}: whether closing it ends a lease; the first level's holds none. */
        private Hold(int level, boolean held) {
            this.level = level;
            this.held = held;
        }

        @Override
        public void close() {
            if (held) {
                held = false;
                release(level);
            }
        }
    }

    boolean isOf(CoreLibrary library) {
        return lib == library;
    }

    /**
     * The digest for {@code level}, made when it is not kept, under a lease that {@link #release(int)} at the same
     * level must end.
     *
     * @throws IllegalStateException once closed
     */
    MemorySegment acquire(int level) {
        if (!enter()) {
            throw new IllegalStateException("dictionary is closed");
        }
        if (level == firstLevel) {
            return firstDigest;
        }
        try {
            return leaseAt(level);
        } catch (RuntimeException | Error e) {
            exit();
            throw e;
        }
    }

    /** Ends a lease taken at {@code level}; the last one after {@link #close()} frees the digests. */
    void release(int level) {
        if (level != firstLevel) {
            synchronized (others) {
                LevelDigest held = others.get(level);
                held.leases--;
                if (held.leases == 0) {
                    trimLevels();
                }
            }
        }
        exit();
    }

    /** Takes a lease unless closed: false when closed. */
    private boolean enter() {
        for (long s; ; ) {
            s = state.get();
            if ((s & CLOSED) != 0) {
                return false;
            }
            if (state.compareAndSet(s, s + 1)) {
                return true;
            }
        }
    }

    private void exit() {
        if (state.decrementAndGet() == CLOSED) {
            free();
        }
    }

    /** The kept digest at a level other than the first, leased; digested here when it is not kept. */
    private MemorySegment leaseAt(int level) {
        MemorySegment kept = leaseKept(level);
        if (kept != null) {
            return kept;
        }
        synchronized (digesting) {
            kept = leaseKept(level); // made by the call this one waited for
            if (kept != null) {
                return kept;
            }
            // built outside the lock of the kept digests, which the calls at other levels take
            MemorySegment made = lib.createDictionary(bytes, level, rawContent);
            LevelDigest digest = new LevelDigest(made);
            digest.leases = 1;
            synchronized (others) {
                others.put(level, digest);
                trimLevels();
            }
            return made;
        }
    }

    /** The kept digest at {@code level}, leased, or null. */
    private MemorySegment leaseKept(int level) {
        synchronized (others) {
            LevelDigest kept = others.get(level);
            if (kept == null) {
                return null;
            }
            kept.leases++;
            return kept.digest;
        }
    }

    /** Frees the least recently used digests no call holds until {@link #MAX_LEVELS} are kept, the first included. */
    private void trimLevels() {
        Iterator<LevelDigest> it = others.values().iterator();
        while (others.size() >= MAX_LEVELS && it.hasNext()) {
            LevelDigest oldest = it.next();
            if (oldest.leases == 0) {
                it.remove();
                lib.freeDictionary(oldest.digest);
            }
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
        synchronized (others) {
            others.values().forEach(kept -> lib.freeDictionary(kept.digest));
            others.clear();
        }
        lib.freeDictionary(firstDigest);
        live.remove(this);
    }
}
