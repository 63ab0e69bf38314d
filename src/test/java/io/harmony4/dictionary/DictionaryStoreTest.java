package io.harmony4.dictionary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's rules (docs/dictionaries.md): content-addressed, atomic, tamper-refusing, dictID-unique, read-only. */
class DictionaryStoreTest {
    private static final long CACHE = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void aDictionaryIsStoredUnderTheSha256OfItsBytes() throws IOException {
        DictionaryStore store = new DictionaryStore(dir, CACHE);
        StoredDictionary stored = store.put("abc".getBytes(StandardCharsets.US_ASCII), new DictionaryOrigin.Put());
        // FIPS 180-2's example: SHA-256("abc")
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertEquals(new StoredDictionary(new DictionaryId(abc), 3, 0, new DictionaryOrigin.Put()), stored);
        assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(dir.resolve(abc)));
        assertEquals("made=put\n", Files.readString(dir.resolve(abc + ".origin")));
        assertEquals(List.of(abc, abc + ".origin"), fileNames(), "nothing else, no temporary file left behind");
    }

    @Test
    void storingTheSameBytesAgainGivesTheStoredDictionaryBack() throws IOException {
        DictionaryStore store = new DictionaryStore(dir, CACHE);
        byte[] bytes = zstdDictionary(7, "first");
        DictionaryOrigin trained = new DictionaryOrigin.Trained(40, 40_000, 4096);
        StoredDictionary first = store.put(bytes, trained);
        assertEquals(first, store.put(bytes, new DictionaryOrigin.Put()));
        assertEquals(new DictionaryStore.Put(first, false), store.put(DictionaryId.of(bytes), bytes));
        assertEquals(List.of(first), new DictionaryStore(dir, CACHE).list().dictionaries());
        assertEquals(2, fileNames().size());
    }

    /** Of puts of the same new bytes at once, exactly one says it wrote them: what a 201 rather than a 200 means. */
    @Test
    void ofConcurrentPutsOfTheSameBytesExactlyOneWroteThem() throws Exception {
        DictionaryStore store = new DictionaryStore(dir, CACHE);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 20; round++) {
                byte[] bytes = zstdDictionary(100 + round, "round " + round);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<DictionaryStore.Put>> puts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    puts.add(pool.submit(() -> {
                        start.await();
                        return store.put(DictionaryId.of(bytes), bytes);
                    }));
                }
                start.countDown();
                int written = 0;
                for (Future<DictionaryStore.Put> put : puts) {
                    written += put.get().written() ? 1 : 0;
                }
                assertEquals(1, written, "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void bytesPutUnderAnotherNameAreRefused() throws IOException {
        DictionaryStore store = new DictionaryStore(dir, CACHE);
        byte[] bytes = zstdDictionary(7, "first");
        DictionaryId other = DictionaryId.of(zstdDictionary(7, "other"));
        DictionaryIdMismatchException e = assertThrows(DictionaryIdMismatchException.class,
                () -> store.put(other, bytes));
        assertEquals(other.hex(), e.ids().namedId());
        assertEquals(DictionaryId.of(bytes).hex(), e.ids().actualId());
        assertEquals(List.of(), fileNames());
    }

    @Test
    void aFileThatDoesNotHashToItsNameIsRefusedAndReported() throws IOException {
        byte[] good = zstdDictionary(5, "good");
        byte[] kept = zstdDictionary(6, "kept");
        StoredDictionary keptEntry = new DictionaryStore(dir, CACHE).put(kept, new DictionaryOrigin.Put());
        DictionaryId id = new DictionaryStore(dir, CACHE).put(good, new DictionaryOrigin.Put()).id();
        byte[] tampered = good.clone();
        tampered[tampered.length - 1] ^= 1;
        Files.write(dir.resolve(id.hex()), tampered);

        DictionaryStore restarted = new DictionaryStore(dir, CACHE);
        TamperedDictionaryException e = assertThrows(TamperedDictionaryException.class, () -> restarted.get(id));
        assertEquals(dir.resolve(id.hex()), e.refusal().file());
        assertEquals(DictionaryId.of(tampered).hex(), e.refusal().actualSha256());
        assertTrue(e.getMessage().contains(id.hex()), e.getMessage());
        assertThrows(TamperedDictionaryException.class, () -> restarted.find(id));
        assertEquals(Optional.empty(), restarted.findByDictId(5), "a refused file is never used");

        DictionaryListing listing = restarted.list();
        assertEquals(List.of(keptEntry), listing.dictionaries());
        assertEquals(List.of(dir.resolve(id.hex())), listing.refused().stream().map(r -> r.refusal().file()).toList());

        // the right bytes take the refused file's place
        restarted.put(good, new DictionaryOrigin.Put());
        assertArrayEquals(good, restarted.get(id).orElseThrow());
    }

    /**
     * A file that cannot be read (a symbolic link to itself: ELOOP, as EACCES or a failing disk) is the store's
     * failure, typed, naming the file by its name; the listing reports it and lists the rest; finding by dictID skips
     * it when another file has the dictID, and fails when none has, as the unreadable one might.
     */
    @Test
    void aFileThatCannotBeReadIsAStoreFailureAndListedAsUnreadable() throws IOException {
        StoredDictionary stored = new DictionaryStore(dir, CACHE).put(zstdDictionary(7, "kept"),
                new DictionaryOrigin.Put());
        DictionaryId looping = new DictionaryId("0".repeat(64)); // listed, and looked at, first
        Files.createSymbolicLink(dir.resolve(looping.hex()), Path.of(looping.hex()));
        DictionaryStore store = new DictionaryStore(dir, CACHE);

        DictionaryStoreFailureException e = assertThrows(DictionaryStoreFailureException.class,
                () -> store.get(looping));
        assertEquals(dir.resolve(looping.hex()), e.path());
        assertTrue(e.getMessage().startsWith("dictionary file " + looping.hex() + " could not be read: "),
                e.getMessage());
        assertFalse(e.getMessage().contains(dir.toString()), e.getMessage());
        assertThrows(DictionaryStoreFailureException.class, () -> store.contains(looping));

        DictionaryListing listing = store.list();
        assertEquals(List.of(stored), listing.dictionaries());
        assertEquals(List.of(), listing.refused());
        assertEquals(List.of(dir.resolve(looping.hex())),
                listing.unreadable().stream().map(DictionaryStoreFailureException::path).toList());

        assertEquals(Optional.of(stored), store.findByDictId(7));
        assertThrows(DictionaryStoreFailureException.class, () -> store.findByDictId(8));
    }

    /** A forged file whose header claims a stored dictionary's dictID is skipped, whichever is listed first. */
    @Test
    void aForgedFileNeverShadowsTheDictionaryOfItsDictId() throws IOException {
        StoredDictionary stored = new DictionaryStore(dir, CACHE).put(zstdDictionary(7, "real"),
                new DictionaryOrigin.Put());
        for (String name : List.of("0", "f")) {
            Files.write(dir.resolve(name.repeat(64)), zstdDictionary(7, "forged " + name));
        }
        DictionaryStore store = new DictionaryStore(dir, CACHE);
        assertEquals(Optional.of(stored), store.findByDictId(7));
        assertEquals(2, store.list().refused().size());
        assertThrows(DictionaryIdConflictException.class,
                () -> store.put(zstdDictionary(7, "another"), new DictionaryOrigin.Put()));
    }

    @Test
    void aCachedDictionaryWhoseFileChangesIsReadAgain() throws IOException {
        DictionaryStore store = new DictionaryStore(dir, CACHE);
        byte[] bytes = zstdDictionary(5, "cached");
        DictionaryId id = store.put(bytes, new DictionaryOrigin.Put()).id();
        assertArrayEquals(bytes, store.get(id).orElseThrow());
        Files.write(dir.resolve(id.hex()), "a longer, other content".getBytes(StandardCharsets.US_ASCII));
        assertThrows(TamperedDictionaryException.class, () -> store.get(id));
        Files.delete(dir.resolve(id.hex()));
        assertEquals(Optional.empty(), store.get(id));
    }

    /** The dictID a decoder looks up is remembered, but never past the file: removed or replaced, it is looked up again. */
    @Test
    void aRememberedDictIdFollowsTheDirectory() throws IOException {
        DictionaryStore store = new DictionaryStore(dir, CACHE);
        DictionaryId first = store.put(zstdDictionary(9, "first"), new DictionaryOrigin.Put()).id();
        assertEquals(Optional.of(first), store.idByDictId(9));
        assertEquals(Optional.of(first), store.idByDictId(9), "remembered");
        assertTrue(store.contains(first));
        Files.delete(dir.resolve(first.hex()));
        assertFalse(store.contains(first));
        assertEquals(Optional.empty(), store.idByDictId(9), "a removed dictionary is not found by its dictID");
        DictionaryId second = store.put(zstdDictionary(9, "second"), new DictionaryOrigin.Put()).id();
        assertEquals(Optional.of(second), store.idByDictId(9), "another dictionary of that dictID, once stored");
        Files.write(dir.resolve(second.hex()), zstdDictionary(9, "a forged one"));
        assertEquals(Optional.empty(), store.idByDictId(9), "a tampered file is never used, remembered or not");
        assertEquals(Optional.empty(), store.idByDictId(0));
    }

    @Test
    void twoDictionariesWithOneDictIdCannotBothBeStored() throws IOException {
        DictionaryStore store = new DictionaryStore(dir, CACHE);
        byte[] first = zstdDictionary(0xCAFEF00DL, "first");
        byte[] second = zstdDictionary(0xCAFEF00DL, "second");
        StoredDictionary stored = store.put(first, new DictionaryOrigin.Put());
        assertEquals(0xCAFEF00DL, stored.dictId());
        DictionaryIdConflictException e = assertThrows(DictionaryIdConflictException.class,
                () -> store.put(second, new DictionaryOrigin.Put()));
        assertEquals(0xCAFEF00DL, e.conflict().dictId());
        assertEquals(stored.id().hex(), e.conflict().storedId());
        assertEquals(DictionaryId.of(second).hex(), e.conflict().offeredId());
        assertEquals(List.of(stored), store.list().dictionaries());
        assertEquals(Optional.of(stored), store.findByDictId(0xCAFEF00DL));
    }

    /** Writes are serialised: of two dictionaries with one dictID stored at once, exactly one is admitted. */
    @Test
    void ofTwoConcurrentPutsWithOneDictIdOneWins() throws Exception {
        DictionaryStore store = new DictionaryStore(dir, CACHE);
        for (int round = 0; round < 20; round++) {
            long dictId = 1000 + round;
            List<byte[]> rivals = List.of(zstdDictionary(dictId, "left"), zstdDictionary(dictId, "right"));
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> puts = new ArrayList<>();
                for (byte[] rival : rivals) {
                    puts.add(threads.submit(() -> {
                        start.await();
                        try {
                            store.put(rival, new DictionaryOrigin.Put());
                            return true;
                        } catch (DictionaryIdConflictException refused) {
                            return false;
                        }
                    }));
                }
                start.countDown();
                int admitted = 0;
                for (Future<Boolean> put : puts) {
                    admitted += put.get() ? 1 : 0;
                }
                assertEquals(1, admitted, "round " + round);
            } finally {
                threads.shutdownNow();
            }
        }
        assertEquals(20, store.list().dictionaries().size());
    }

    /** dictID 0 names no dictionary: raw content dictionaries are found by their id only, so many may be stored. */
    @Test
    void rawContentDictionariesHaveNoDictIdAndDoNotConflict() throws IOException {
        DictionaryStore store = new DictionaryStore(dir, CACHE);
        StoredDictionary a = store.put("raw content one".getBytes(StandardCharsets.US_ASCII),
                new DictionaryOrigin.Put());
        StoredDictionary b = store.put("raw content two".getBytes(StandardCharsets.US_ASCII),
                new DictionaryOrigin.Put());
        assertEquals(0, a.dictId());
        assertEquals(0, b.dictId());
        assertEquals(2, store.list().dictionaries().size());
        assertEquals(Optional.empty(), store.findByDictId(0));
    }

    @Test
    void theListingSaysHowEachWasMade() throws IOException {
        DictionaryStore store = new DictionaryStore(dir, CACHE);
        StoredDictionary trained = store.put(zstdDictionary(1, "trained"),
                new DictionaryOrigin.Trained(4000, 4_096_000, 112_640));
        StoredDictionary put = store.put(zstdDictionary(2, "put"), new DictionaryOrigin.Put());
        byte[] placed = zstdDictionary(3, "placed by hand");
        Files.write(dir.resolve(DictionaryId.of(placed).hex()), placed);
        Files.write(dir.resolve("README"), new byte[] {1});
        Files.write(dir.resolve(".tmp.part"), new byte[] {2});
        StoredDictionary unrecorded = new StoredDictionary(DictionaryId.of(placed), placed.length, 3,
                new DictionaryOrigin.Unrecorded());
        List<StoredDictionary> expected = Stream.of(trained, put, unrecorded)
                .sorted(java.util.Comparator.comparing(d -> d.id().hex())).toList();
        assertEquals(new DictionaryListing(expected, List.of(), List.of()), new DictionaryStore(dir, CACHE).list());
        assertEquals(new DictionaryOrigin.Trained(4000, 4_096_000, 112_640),
                new DictionaryStore(dir, CACHE).find(trained.id()).orElseThrow().origin());
    }

    @Test
    void aReadOnlyDirectoryServesReadsAndRefusesWrites(@TempDir Path zipDir) throws IOException {
        byte[] bytes = zstdDictionary(9, "shipped");
        StoredDictionary stored = new DictionaryStore(dir, CACHE).put(bytes, new DictionaryOrigin.Put());
        // a read-only volume, as production mounts one: a zip file system opened read-only (this test may run as
        // root, whom directory permissions do not stop)
        Path zip = zipDir.resolve("volume.zip");
        try (FileSystem volume = FileSystems.newFileSystem(zip, Map.of("create", "true"))) {
            Path target = Files.createDirectory(volume.getPath("/dictionaries"));
            for (String name : fileNames()) {
                Files.copy(dir.resolve(name), target.resolve(name));
            }
        }
        try (FileSystem volume = FileSystems.newFileSystem(zip, Map.of("accessMode", "readOnly"))) {
            DictionaryStore store = new DictionaryStore(volume.getPath("/dictionaries"), CACHE);
            assertArrayEquals(bytes, store.get(stored.id()).orElseThrow());
            assertEquals(List.of(stored), store.list().dictionaries());
            assertEquals(stored, store.put(bytes, new DictionaryOrigin.Put()), "storing what is there writes nothing");
            ReadOnlyDictionaryStoreException e = assertThrows(ReadOnlyDictionaryStoreException.class,
                    () -> store.put(zstdDictionary(10, "new"), new DictionaryOrigin.Put()));
            assertEquals("the dictionary directory is read-only: dictionaries can be read, not stored",
                    e.getMessage());
        }
    }

    @Test
    void theCacheHoldsNoMoreThanItsBound() throws IOException {
        DictionaryStore store = new DictionaryStore(dir, 10_000);
        for (int i = 1; i <= 20; i++) {
            byte[] bytes = zstdDictionary(i, "x".repeat(1000 + i));
            store.put(bytes, new DictionaryOrigin.Put());
            assertArrayEquals(bytes, store.get(DictionaryId.of(bytes)).orElseThrow());
            assertTrue(store.cachedBytes() <= 10_000, store.cachedBytes() + " bytes cached");
        }
        assertTrue(store.cachedBytes() > 8_000, "the cache is used up to its bound: " + store.cachedBytes());
        assertEquals(20, store.list().dictionaries().size());
    }

    @Test
    void aMissingDirectoryIsRefused() {
        assertThrows(DictionaryStoreException.class, () -> new DictionaryStore(dir.resolve("absent"), CACHE));
    }

    private List<String> fileNames() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A zstd-format dictionary's header (magic, dictID) before some content: enough for the store's rules. */
    static byte[] zstdDictionary(long dictId, String content) {
        byte[] text = content.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(8 + text.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(ZstdDictionaryHeader.MAGIC).putInt((int) dictId).put(text).array();
    }
}
