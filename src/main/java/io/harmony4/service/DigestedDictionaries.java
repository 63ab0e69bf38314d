package io.harmony4.service;

import io.harmony4.dictionary.DictionaryId;
import io.harmony4.engine.CoreDictionary;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Dictionaries digested by the engine, kept for the next message: bounded by the total size of their bytes, least
 * recently used out first, each closed when it leaves (a call or a live stream still using it keeps it:
 * {@link CoreDictionary} frees its digests after its last lease). One entry per id and way of digesting (zstd's rule,
 * or raw content for {@code dcz}): a {@link CoreDictionary} holds a digest for each of at most
 * {@link CoreDictionary#MAX_LEVELS} levels, which messages and streams share. The bound counts a dictionary's bytes
 * once, not its digests (docs/dictionaries.md says what they take).
 */
final class DigestedDictionaries implements AutoCloseable {
    private final long maxBytes;
    private final Map<Key, CoreDictionary> entries = new LinkedHashMap<>(16, 0.75f, true);

    /** A dictionary digested one way: zstd's rule for its bytes, or as raw content whatever they start with. */
    private record Key(DictionaryId id, boolean rawContent) {}

    /** Digests being made, outside the lock, by the first caller that wanted each. */
    private final Map<Key, CompletableFuture<CoreDictionary>> inProgress = new HashMap<>();
    private long bytes;
    /** Dictionaries digested since start: each one a miss, which work shared through the cache does not repeat. */
    private long digests;

    DigestedDictionaries(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The digested dictionary of {@code id}, made by {@code digest} when it is not kept. */
    CoreDictionary get(DictionaryId id, Supplier<CoreDictionary> digest) {
        return get(id, false, digest);
    }

    /**
     * The dictionary of {@code id} digested as raw content ({@code rawContent}, as {@code dcz} applies it) or by
     * zstd's rule, made by {@code digest} when it is not kept; the two are kept apart. A digest is made outside the
     * cache's lock (reading the store and building zstd's tables takes milliseconds), so that a message whose
     * dictionary is kept, which an event loop may be serving, never waits for another dictionary's first use; callers
     * that want the same one while it is being made wait for it, and it is made once.
     */
    CoreDictionary get(DictionaryId id, boolean rawContent, Supplier<CoreDictionary> digest) {
        Key key = new Key(id, rawContent);
        CompletableFuture<CoreDictionary> making;
        CompletableFuture<CoreDictionary> other;
        synchronized (this) {
            CoreDictionary kept = entries.get(key);
            if (kept != null) {
                return kept;
            }
            other = inProgress.get(key);
            making = other != null ? null : new CompletableFuture<>();
            if (making != null) {
                inProgress.put(key, making);
            }
        }
        if (other != null) {
            return awaitOther(other); // outside the lock, which its maker takes to keep it
        }
        try {
            CoreDictionary made = digest.get();
            synchronized (this) {
                digests++;
                entries.put(key, made);
                bytes += made.size();
                evictBeyondBound(made);
                inProgress.remove(key);
            }
            making.complete(made);
            return made;
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                inProgress.remove(key);
            }
            making.completeExceptionally(e);
            throw e;
        }
    }

    /** The digest another caller is making, or what it failed with. */
    private static CoreDictionary awaitOther(CompletableFuture<CoreDictionary> making) {
        try {
            return making.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * The dictionary of {@code id} digested that way if it is kept, else null: never digests, so never reads the
     * store, for a caller that must not wait (an event loop). A use, as {@link #get} is: the last to be evicted.
     */
    synchronized CoreDictionary kept(DictionaryId id, boolean rawContent) {
        return entries.get(new Key(id, rawContent));
    }

    /** Evicts the least recently used until the bound holds, never {@code keep}, which the caller is about to use. */
    private void evictBeyondBound(CoreDictionary keep) {
        Iterator<CoreDictionary> it = entries.values().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            CoreDictionary oldest = it.next();
            if (oldest == keep) {
                continue;
            }
            it.remove();
            bytes -= oldest.size();
            oldest.close();
        }
    }

    /** How many dictionaries this cache has had digested: a stream or message served from it adds none. */
    synchronized long digests() {
        return digests;
    }

    @Override
    public synchronized void close() {
        entries.values().forEach(CoreDictionary::close);
        entries.clear();
        bytes = 0;
    }
}
