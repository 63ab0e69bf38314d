package io.harmony4.dictionary;

import static io.harmony4.dictionary.DictionaryStoreTest.zstdDictionary;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long a check of a dictionary's file stands (harmony4.dictionaries.check-interval, docs/dictionaries.md): within
 * the interval {@link DictionaryStore#contains} and {@link DictionaryStore#recentlyVerified} answer from memory, even
 * for a file gone or replaced since (which shows that no file is looked at); after it, the file is looked at again
 * and a removed or replaced one is refused. Time is the test's own clock, never the machine's.
 */
class DictionaryStoreCheckIntervalTest {
    private static final long CACHE = 1 << 20;
    private static final Duration INTERVAL = Duration.ofSeconds(1);

    @TempDir
    Path dir;
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private DictionaryStore store(Duration interval) {
        return new DictionaryStore(dir, CACHE, interval, now::get);
    }

    /** A store that runs {@code interleaved} once, in the next check, after it looked at the file. */
    private DictionaryStore interleaving(AtomicReference<IoAction> interleaved) {
        return new DictionaryStore(dir, CACHE, INTERVAL, now::get, () -> {
            try {
                interleaved.getAndSet(() -> { }).run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private void pass(Duration time) {
        now.addAndGet(time.toNanos());
    }

    @Test
    void aRemovedFileIsStillHeldUntilTheIntervalHasPassedThenRefused() throws IOException {
        DictionaryStore store = store(INTERVAL);
        DictionaryId id = store.put(zstdDictionary(3, "removed"), new DictionaryOrigin.Put()).id();
        assertTrue(store.recentlyVerified(id), "stored now: checked now");
        Files.delete(dir.resolve(id.hex()));
        pass(INTERVAL.minusNanos(1));
        assertTrue(store.recentlyVerified(id), "from memory: the file is not looked at");
        assertTrue(store.contains(id), "from memory within the interval");
        pass(Duration.ofNanos(1));
        assertFalse(store.recentlyVerified(id), "the check is an interval old: memory no longer knows");
        assertFalse(store.contains(id), "looked at again: gone");
        assertFalse(store.recentlyVerified(id));
    }

    @Test
    void aCheckAfterTheIntervalStandsForTheNextInterval() throws IOException {
        DictionaryStore store = store(INTERVAL);
        byte[] bytes = zstdDictionary(4, "kept");
        DictionaryId id = store.put(bytes, new DictionaryOrigin.Put()).id();
        pass(INTERVAL.multipliedBy(5));
        assertFalse(store.recentlyVerified(id));
        assertTrue(store.contains(id), "the file looked at: there and intact");
        assertTrue(store.recentlyVerified(id), "that check stands from now");
        pass(INTERVAL.minusNanos(1));
        assertTrue(store.recentlyVerified(id));
        assertArrayEquals(bytes, store.get(id).orElseThrow());
    }

    @Test
    void aReplacedFileIsNeverReadWithinTheIntervalAndRefusedAfterIt() throws IOException {
        DictionaryStore store = store(INTERVAL);
        byte[] bytes = zstdDictionary(5, "replaced");
        DictionaryId id = store.put(bytes, new DictionaryOrigin.Put()).id();
        Files.write(dir.resolve(id.hex()), zstdDictionary(5, "a forged one, longer"));
        assertTrue(store.contains(id), "within the interval nothing is read: no refusal yet, and no forged byte used");
        pass(INTERVAL);
        assertThrows(TamperedDictionaryException.class, () -> store.contains(id));
        assertFalse(store.recentlyVerified(id), "a refused file is never held");
        assertThrows(TamperedDictionaryException.class, () -> store.contains(id), "refused at every look");
    }

    @Test
    void readingBytesAlwaysLooksAtTheFileAndARefusalEndsTheCheckAtOnce() throws IOException {
        DictionaryStore store = store(INTERVAL);
        DictionaryId tampered = store.put(zstdDictionary(6, "tampered"), new DictionaryOrigin.Put()).id();
        DictionaryId removed = store.put(zstdDictionary(7, "removed"), new DictionaryOrigin.Put()).id();
        Files.write(dir.resolve(tampered.hex()), zstdDictionary(6, "other bytes"));
        Files.delete(dir.resolve(removed.hex()));
        assertTrue(store.recentlyVerified(tampered) && store.recentlyVerified(removed), "within the interval");
        assertThrows(TamperedDictionaryException.class, () -> store.get(tampered));
        assertEquals(Optional.empty(), store.get(removed));
        assertFalse(store.recentlyVerified(tampered), "the refusal is not outlived by the check before it");
        assertFalse(store.recentlyVerified(removed));
        assertFalse(store.contains(removed));
        assertThrows(TamperedDictionaryException.class, () -> store.contains(tampered));
    }

    @Test
    void aDictIdIsKnownFromMemoryOnlyOnceFoundAndWhileItsCheckStands() throws IOException {
        DictionaryStore store = store(INTERVAL);
        byte[] bytes = zstdDictionary(8, "by dictID");
        DictionaryId id = DictionaryId.of(bytes);
        Files.write(dir.resolve(id.hex()), bytes); // placed by someone else, as a mounted volume's files are
        assertEquals(Optional.empty(), store.recentlyVerifiedByDictId(8), "not looked up yet");
        assertEquals(Optional.of(id), store.idByDictId(8));
        assertEquals(Optional.of(id), store.recentlyVerifiedByDictId(8));
        Files.delete(dir.resolve(id.hex()));
        assertEquals(Optional.of(id), store.idByDictId(8), "within the interval: from memory");
        pass(INTERVAL);
        assertEquals(Optional.empty(), store.recentlyVerifiedByDictId(8));
        assertEquals(Optional.empty(), store.idByDictId(8), "looked up again: gone");
        assertEquals(Optional.empty(), store.recentlyVerifiedByDictId(0));
    }

    /**
     * A dictionary removed under the store and another of the same dictID stored in its place: a frame naming that
     * dictID is decoded with the new one at once, not with the old one until the old check runs out.
     */
    @Test
    void aDictionaryStoredForADictIdIsTheOneRememberedForItAtOnce() throws IOException {
        DictionaryStore store = store(INTERVAL);
        DictionaryId old = store.put(zstdDictionary(8, "old"), new DictionaryOrigin.Put()).id();
        assertEquals(Optional.of(old), store.idByDictId(8));
        Files.delete(dir.resolve(old.hex()));
        pass(INTERVAL.dividedBy(2));
        DictionaryId replacing = store.put(zstdDictionary(8, "replacing"), new DictionaryOrigin.Put()).id();
        assertEquals(Optional.of(replacing), store.recentlyVerifiedByDictId(8));
        assertEquals(Optional.of(replacing), store.idByDictId(8));
    }

    /**
     * Two checks of one file at once: A looks (there), the file is removed, B looks (gone), and A notes what it found
     * after B. B's refusal stands: A looked before it. A check that begins after the refusal counts again.
     */
    @Test
    void aRefusalIsNotUndoneByACheckThatBeganBeforeIt() throws IOException {
        AtomicReference<IoAction> interleaved = new AtomicReference<>(() -> { });
        DictionaryStore store = interleaving(interleaved);
        byte[] bytes = zstdDictionary(10, "raced");
        DictionaryId id = store.put(bytes, new DictionaryOrigin.Put()).id();
        pass(INTERVAL); // the write's check has run out: the next use looks at the file
        interleaved.set(() -> {
            Files.delete(dir.resolve(id.hex()));
            assertFalse(store.contains(id), "B: gone");
        });
        assertTrue(store.contains(id), "A looked while the file was there");
        assertFalse(store.recentlyVerified(id), "B's refusal is not outlived by A, which began before it");
        assertFalse(store.contains(id));
        Files.write(dir.resolve(id.hex()), bytes); // put back, as another replica would
        assertTrue(store.contains(id));
        assertTrue(store.recentlyVerified(id), "a check that began after the refusal stands");
    }

    /** As above for a file this store has no note of yet (placed by another replica), and replaced, not removed. */
    @Test
    void aRefusalIsNotUndoneByAFirstCheckThatBeganBeforeIt() throws IOException {
        AtomicReference<IoAction> interleaved = new AtomicReference<>(() -> { });
        DictionaryStore store = interleaving(interleaved);
        byte[] bytes = zstdDictionary(11, "placed");
        DictionaryId id = DictionaryId.of(bytes);
        Files.write(dir.resolve(id.hex()), bytes);
        interleaved.set(() -> {
            Files.write(dir.resolve(id.hex()), zstdDictionary(11, "replaced by other bytes"));
            assertThrows(TamperedDictionaryException.class, () -> store.contains(id), "B: refused");
        });
        assertTrue(store.contains(id), "A looked while the file was intact");
        assertFalse(store.recentlyVerified(id), "B's refusal is not outlived by A, which began before it");
        assertThrows(TamperedDictionaryException.class, () -> store.contains(id));
    }

    /**
     * Clients can name any id: asking about ones never stored leaves nothing in memory, and a dictionary removed and
     * asked about again keeps nothing there either.
     */
    @Test
    void idsAskedAboutButNeverThereLeaveNothingInMemory() throws IOException {
        DictionaryStore store = store(INTERVAL);
        DictionaryId kept = store.put(zstdDictionary(12, "kept"), new DictionaryOrigin.Put()).id();
        for (int i = 0; i < 100; i++) {
            DictionaryId madeUp = DictionaryId.of(("made up " + i).getBytes(StandardCharsets.UTF_8));
            assertFalse(store.contains(madeUp));
            assertEquals(Optional.empty(), store.get(madeUp));
            assertEquals(Optional.empty(), store.find(madeUp));
        }
        assertEquals(1, store.notedDictionaries(), "only the dictionary stored");
        Files.delete(dir.resolve(kept.hex()));
        pass(INTERVAL);
        for (int i = 0; i < 3; i++) {
            assertFalse(store.contains(kept));
        }
        assertEquals(0, store.notedDictionaries(), "a dictionary gone and refused again keeps no note");
    }

    @Test
    void anIntervalOfZeroLooksAtTheFileEveryTime() throws IOException {
        DictionaryStore store = store(Duration.ZERO);
        DictionaryId id = store.put(zstdDictionary(9, "zero"), new DictionaryOrigin.Put()).id();
        assertTrue(store.contains(id));
        assertFalse(store.recentlyVerified(id), "memory never answers");
        assertEquals(Optional.of(id), store.idByDictId(9));
        assertEquals(Optional.empty(), store.recentlyVerifiedByDictId(9));
        Files.delete(dir.resolve(id.hex()));
        assertFalse(store.contains(id), "refused at once, no time passed");
    }

    @Test
    void aNegativeIntervalIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> store(Duration.ofMillis(-1)));
    }
}
