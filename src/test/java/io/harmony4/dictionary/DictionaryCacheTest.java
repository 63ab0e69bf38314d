package io.harmony4.dictionary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;

/** Bounded by bytes, least recently used out first. */
class DictionaryCacheTest {
    private static final FileTime T = FileTime.fromMillis(0);

    @Test
    void theLeastRecentlyUsedGoesFirst() {
        DictionaryCache cache = new DictionaryCache(300);
        DictionaryId a = put(cache, "a", 100);
        DictionaryId b = put(cache, "b", 100);
        DictionaryId c = put(cache, "c", 100);
        cache.get(a);
        DictionaryId d = put(cache, "d", 100);
        assertTrue(cache.contains(a));
        assertFalse(cache.contains(b));
        assertTrue(cache.contains(c));
        assertTrue(cache.contains(d));
        assertEquals(300, cache.bytes());
    }

    @Test
    void oneLargerThanTheBoundIsNotKept() {
        DictionaryCache cache = new DictionaryCache(300);
        DictionaryId a = put(cache, "a", 100);
        DictionaryId huge = put(cache, "huge", 301);
        assertFalse(cache.contains(huge));
        assertTrue(cache.contains(a));
        assertEquals(100, cache.bytes());
    }

    @Test
    void replacingAnEntryCountsItsBytesOnce() {
        DictionaryCache cache = new DictionaryCache(300);
        DictionaryId a = put(cache, "a", 100);
        cache.put(a, new DictionaryCache.Entry(new byte[150], 150, T));
        assertEquals(150, cache.bytes());
        cache.remove(a);
        assertEquals(0, cache.bytes());
    }

    private static DictionaryId put(DictionaryCache cache, String name, int size) {
        DictionaryId id = DictionaryId.of(name.getBytes(StandardCharsets.US_ASCII));
        cache.put(id, new DictionaryCache.Entry(new byte[size], size, T));
        return id;
    }
}
