package io.harmony4.dictionary;

import java.nio.file.attribute.FileTime;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The verified bytes of recently used dictionaries, bounded by their total size, least recently used evicted first.
 * Each entry remembers the size and modification time of the file it was read from, so that a file replaced or
 * removed since is read (and verified) again instead of being served from memory.
 */
final class DictionaryCache {
    /** Verified bytes and the file they came from, as it was then. */
    record Entry(byte[] bytes, long fileSize, FileTime modified) {
        boolean isOf(long size, FileTime time) {
            return fileSize == size && modified.equals(time);
        }
    }

    private final long maxBytes;
    private final LinkedHashMap<DictionaryId, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    DictionaryCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("cache size " + maxBytes + " < 0");
        }
        this.maxBytes = maxBytes;
    }

    synchronized Entry get(DictionaryId id) {
        return entries.get(id);
    }

    /** Keeps {@code entry}, evicting the least recently used until all fit; one larger than the bound is not kept. */
    synchronized void put(DictionaryId id, Entry entry) {
        remove(id);
        if (entry.bytes().length > maxBytes) {
            return;
        }
        entries.put(id, entry);
        bytes += entry.bytes().length;
        for (Iterator<Map.Entry<DictionaryId, Entry>> eldest = entries.entrySet().iterator(); bytes > maxBytes; ) {
            bytes -= eldest.next().getValue().bytes().length;
            eldest.remove();
        }
    }

    synchronized void remove(DictionaryId id) {
        Entry old = entries.remove(id);
        if (old != null) {
            bytes -= old.bytes().length;
        }
    }

    /** The bytes held, never more than the bound. */
    synchronized long bytes() {
        return bytes;
    }

    synchronized boolean contains(DictionaryId id) {
        return entries.containsKey(id);
    }
}
