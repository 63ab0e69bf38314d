package io.harmony4.dictionary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Dictionaries in a directory, content-addressed: one file per dictionary, named by its {@link DictionaryId} (the
 * SHA-256 of its bytes), and beside it a sidecar saying how it was made ({@code <id>.origin}). Replicas can share the
 * directory through a volume, read-only in production.
 *
 * <ul>
 *   <li>Every file is written to a temporary file in the same directory and moved into place atomically: a reader
 *       sees a whole dictionary or none.</li>
 *   <li>Storing is idempotent: bytes already stored give the stored dictionary back, unchanged.</li>
 *   <li>A file whose bytes do not hash to its name is refused ({@link TamperedDictionaryException}), never used;
 *       storing the right bytes replaces it.</li>
 *   <li>No two dictionaries share a zstd dictID other than 0 ({@link DictionaryIdConflictException}): a frame names
 *       its dictionary by that number. Raw content dictionaries have none (0), and are found by id only.</li>
 *   <li>A read-only directory serves reads; writes are refused ({@link ReadOnlyDictionaryStoreException}).</li>
 *   <li>A directory or file that cannot be read or written (permissions, a symbolic link loop, a full disk) is a
 *       {@link DictionaryStoreFailureException}: the service's problem, not the caller's. The listing reports such a
 *       file instead, beside the refused ones.</li>
 *   <li>Verified bytes are cached in memory up to a bound, least recently used evicted first; a file changed or
 *       removed since it was cached is read again.</li>
 *   <li>Whether it holds a dictionary ({@link #contains}, asked for every message) is answered from memory for a
 *       check interval after a check found its file there and intact, so a removed or replaced file is refused at
 *       most that long after, and at once when a check has seen it: a check that began before that one and ends
 *       after it does not bring the dictionary back. {@link #recentlyVerified} is that answer alone, never touching
 *       the file system, for an event loop. Reading bytes ({@link #get}, {@link #find}, {@link #list}) always
 *       checks the file.</li>
 * </ul>
 * Thread-safe. Writes of one store are serialised; two writable stores on one directory (not a production set-up)
 * could each admit one of two dictionaries with the same dictID.
 */
public final class DictionaryStore {
    private final Path dir;
    private final DictionaryCache cache;
    private final Object writeLock = new Object();
    private final long checkIntervalNanos;
    private final LongSupplier nanoClock;

    /** dictIDs found by {@link #idByDictId}, so that a decoder does not list the directory for every frame. */
    private final Map<Long, DictionaryId> idsByDictId = new ConcurrentHashMap<>();
    /**
     * What the latest check of each dictionary's file found, for {@link #recentlyVerified}. Only a dictionary whose
     * file a check found there and intact, or that the store wrote, gets an entry: an id a client merely asks about
     * adds none, so this holds no more entries than dictionaries the store has seen.
     */
    private final Map<DictionaryId, Note> notes = new ConcurrentHashMap<>();
    /**
     * Numbers the checks in the order they happen: a check takes its number before it looks at the file when it
     * finds it there (the file was there at least from then), after it when it refuses it (gone at least by then).
     */
    private final AtomicLong checkOrder = new AtomicLong();
    /**
     * The number of the latest refusal of any id: a check finding a dictionary that has no entry may have looked
     * before a refusal that left none (it only replaces an entry), so it counts only if it began after this.
     */
    private final AtomicLong latestRefusal = new AtomicLong();
    /** Runs after a check looked at a file and before its finding is noted: a test's place to interleave another. */
    private final Runnable betweenLookAndNote;

    /**
     * A store that checks its files at every use (a check interval of zero).
     *
     * @param dir the directory, which must exist
     * @param cacheBytes how many bytes of dictionaries to keep in memory
     */
    public DictionaryStore(Path dir, long cacheBytes) {
        this(dir, cacheBytes, Duration.ZERO, System::nanoTime);
    }

    /**
     * @param dir the directory, which must exist
     * @param cacheBytes how many bytes of dictionaries to keep in memory
     * @param checkInterval how long a check that found a file there and intact answers {@link #contains} from
     *     memory; zero: every call looks at the file
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime}; a test's own)
     */
    public DictionaryStore(Path dir, long cacheBytes, Duration checkInterval, LongSupplier nanoClock) {
        this(dir, cacheBytes, checkInterval, nanoClock, () -> { });
    }

    /** As the public constructor, with {@link #betweenLookAndNote} for a test that interleaves two checks. */
    DictionaryStore(Path dir, long cacheBytes, Duration checkInterval, LongSupplier nanoClock,
            Runnable betweenLookAndNote) {
        this.dir = Objects.requireNonNull(dir, "dir");
        if (!Files.isDirectory(dir)) {
            throw new DictionaryStoreException("the dictionary directory does not exist or is not a directory");
        }
        if (checkInterval.isNegative()) {
            throw new IllegalArgumentException("check interval " + checkInterval + " < 0");
        }
        this.cache = new DictionaryCache(cacheBytes);
        this.checkIntervalNanos = checkInterval.toNanos();
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.betweenLookAndNote = Objects.requireNonNull(betweenLookAndNote, "betweenLookAndNote");
    }

    /** The directory, for logs: problems sent to clients name no path. */
    public Path dir() {
        return dir;
    }

    /**
     * The dictionary's bytes, verified against its id.
     *
     * @return empty when the store has none of that id
     * @throws TamperedDictionaryException when its file does not hash to its name
     */
    public Optional<byte[]> get(DictionaryId id) {
        return verified(id).map(byte[]::clone);
    }

    /** The dictionary of that id as the listing shows it, verified. */
    public Optional<StoredDictionary> find(DictionaryId id) {
        Optional<byte[]> bytes = verified(id);
        return bytes.isEmpty() ? Optional.empty() : Optional.of(describe(id, bytes.get()));
    }

    /**
     * Whether the store holds the dictionary of that id: from memory when a check within the check interval found its
     * file there and intact ({@link #recentlyVerified}), else a stat, and the bytes read and verified only when the
     * file is not as it was when cached. A message checks this on every call, so it copies nothing.
     *
     * @throws TamperedDictionaryException when its file does not hash to its name
     */
    public boolean contains(DictionaryId id) {
        return recentlyVerified(id) || verified(id).isPresent();
    }

    /**
     * Whether a check within the check interval found the dictionary's file there and intact: from memory only, no
     * file looked at, so an event loop may ask. False says only that no such check is recent: {@link #contains}
     * knows. A check that found the file gone or refused ends that at once, also for a check that began before it.
     */
    public boolean recentlyVerified(DictionaryId id) {
        return notes.get(id) instanceof Note.Passed passed
                && nanoClock.getAsLong() - passed.began() < checkIntervalNanos;
    }

    /** How many dictionaries memory holds a note of, for a test that asks about ids never there. */
    int notedDictionaries() {
        return notes.size();
    }

    /**
     * The id of the dictionary whose zstd header names {@code dictId}, as {@link #findByDictId} finds it, remembered:
     * a content-addressed file's dictID never changes, so later calls only check that the file is still there
     * ({@link #contains}: from memory within the check interval); a message decoder asks this for every frame.
     * Empty for 0.
     */
    public Optional<DictionaryId> idByDictId(long dictId) {
        DictionaryId known = idsByDictId.get(dictId);
        if (known != null) {
            try {
                if (contains(known)) {
                    return Optional.of(known);
                }
            } catch (TamperedDictionaryException refused) {
                // never used; list() reports it, and the scan below may find another file with that dictID
            }
            idsByDictId.remove(dictId, known);
        }
        Optional<DictionaryId> found = findByDictId(dictId).map(StoredDictionary::id);
        found.ifPresent(id -> idsByDictId.put(dictId, id));
        return found;
    }

    /**
     * The id {@link #idByDictId} found for {@code dictId} before, if its dictionary is {@link #recentlyVerified}: from
     * memory only, no file looked at. Empty says only that memory does not know: {@link #idByDictId} does.
     */
    public Optional<DictionaryId> recentlyVerifiedByDictId(long dictId) {
        return Optional.ofNullable(idsByDictId.get(dictId)).filter(this::recentlyVerified);
    }

    /**
     * The dictionary whose zstd header names {@code dictId}, as a frame names it: how a decoder finds its dictionary.
     * Only the headers are read to look for it, and only the one found is verified; refused files are skipped.
     * Empty for 0, which names no dictionary.
     *
     * @throws DictionaryStoreFailureException when none is found and a file could not be read: it may be that one
     */
    public Optional<StoredDictionary> findByDictId(long dictId) {
        if (dictId == 0) {
            return Optional.empty();
        }
        DictionaryStoreFailureException unreadable = null;
        for (DictionaryId id : ids()) {
            try {
                if (headerDictId(id) != dictId) {
                    continue;
                }
                Optional<StoredDictionary> found = find(id);
                if (found.isPresent()) {
                    return found;
                }
            } catch (TamperedDictionaryException refused) {
                // never used; list() reports it
            } catch (DictionaryStoreFailureException e) {
                unreadable = e; // another file may be the one; if none is, this one could have been
            }
        }
        if (unreadable != null) {
            throw unreadable;
        }
        return Optional.empty();
    }

    /** The dictID in the first bytes of a dictionary's file, unverified; 0 when it has none or is gone. */
    private long headerDictId(DictionaryId id) {
        ByteBuffer header = ByteBuffer.allocate(ZstdDictionaryHeader.SIZE);
        Path path = dir.resolve(id.hex());
        try (SeekableByteChannel file = Files.newByteChannel(path)) {
            while (header.hasRemaining() && file.read(header) >= 0) {
                // until the header is full or the file ends
            }
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw unreadable(path, e);
        }
        return ZstdDictionaryHeader.dictId(Arrays.copyOf(header.array(), header.position()));
    }

    /**
     * Every dictionary of the directory, by id, every file refused and every file that could not be read; other files
     * are not the store's.
     *
     * @throws DictionaryStoreFailureException when the directory itself cannot be listed
     */
    public DictionaryListing list() {
        List<StoredDictionary> dictionaries = new ArrayList<>();
        List<TamperedDictionaryException> refused = new ArrayList<>();
        List<DictionaryStoreFailureException> unreadable = new ArrayList<>();
        for (DictionaryId id : ids()) {
            try {
                verified(id).ifPresent(bytes -> dictionaries.add(describe(id, bytes)));
            } catch (TamperedDictionaryException e) {
                refused.add(e);
            } catch (DictionaryStoreFailureException e) {
                unreadable.add(e);
            }
        }
        return new DictionaryListing(dictionaries, refused, unreadable);
    }

    /**
     * Stores bytes offered under a name, as a dictionary made elsewhere.
     *
     * @throws DictionaryIdMismatchException when {@code named} is not their SHA-256
     */
    public Put put(DictionaryId named, byte[] dictionary) {
        DictionaryId actual = DictionaryId.of(dictionary);
        if (!actual.equals(named)) {
            throw new DictionaryIdMismatchException(named.hex(), actual.hex());
        }
        return store(dictionary, new DictionaryOrigin.Put());
    }

    /**
     * What a put did: the dictionary stored, and whether this put wrote it (false: the same bytes were stored
     * already). Decided under the store's write lock, so of puts of the same new bytes at once exactly one wrote it.
     */
    public record Put(StoredDictionary dictionary, boolean written) {}

    /**
     * Stores a dictionary under its id, or gives back the one stored already with the same bytes (and the origin it
     * was stored with).
     *
     * @throws DictionaryIdConflictException when another stored dictionary has the same dictID
     * @throws ReadOnlyDictionaryStoreException when the directory cannot be written
     * @throws DictionaryStoreFailureException when a file could not be read, or written (a full disk)
     */
    public StoredDictionary put(byte[] dictionary, DictionaryOrigin origin) {
        return store(dictionary, origin).dictionary();
    }

    private Put store(byte[] dictionary, DictionaryOrigin origin) {
        Objects.requireNonNull(dictionary, "dictionary");
        String originText = OriginFile.format(origin);
        DictionaryId id = DictionaryId.of(dictionary);
        synchronized (writeLock) {
            try {
                Optional<StoredDictionary> stored = find(id);
                if (stored.isPresent()) {
                    return new Put(remembered(stored.get()), false);
                }
            } catch (TamperedDictionaryException replacedBelow) {
                // the file of this name holds other bytes: the right ones take its place
            }
            long dictId = ZstdDictionaryHeader.dictId(dictionary);
            if (dictId != 0) {
                Optional<StoredDictionary> sameDictId = findByDictId(dictId);
                if (sameDictId.isPresent()) {
                    throw new DictionaryIdConflictException(dictId, sameDictId.get().id().hex(), id.hex());
                }
            }
            writable();
            // the origin first: a dictionary the store wrote is never seen without it
            writeAtomically(dir.resolve(id.hex() + OriginFile.SUFFIX), originText.getBytes(StandardCharsets.UTF_8));
            Path file = dir.resolve(id.hex());
            // the write is a check of its own, numbered before the move: a refusal numbered after it (which may have
            // looked after the move) still wins
            long order = checkOrder.incrementAndGet();
            long written = nanoClock.getAsLong();
            writeAtomically(file, dictionary);
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (IOException e) {
                throw unreadable(file, e);
            }
            cache.put(id, new DictionaryCache.Entry(dictionary.clone(), attributes.size(),
                    attributes.lastModifiedTime()));
            passed(id, order, written);
            return new Put(remembered(new StoredDictionary(id, dictionary.length, dictId, origin)), true);
        }
    }

    /**
     * {@code stored}, remembered as the dictionary of its dictID: the one stored file of that dictID (a second is
     * refused), which any it replaced (removed under the store) no longer is.
     */
    private StoredDictionary remembered(StoredDictionary stored) {
        if (stored.dictId() != 0) {
            idsByDictId.put(stored.dictId(), stored.id());
        }
        return stored;
    }

    /** The bytes held in memory, for metrics; never more than the bound given. */
    public long cachedBytes() {
        return cache.bytes();
    }

    /** {@link #check}, noted for {@link #recentlyVerified}: passed when the file is there and intact, else refused. */
    private Optional<byte[]> verified(DictionaryId id) {
        // taken before the look, so that an answer from memory is never older than the interval
        long began = nanoClock.getAsLong();
        long order = checkOrder.incrementAndGet();
        Optional<byte[]> bytes;
        try {
            bytes = check(id);
        } catch (RuntimeException e) {
            refused(id);
            throw e;
        }
        betweenLookAndNote.run();
        if (bytes.isPresent()) {
            passed(id, order, began);
        } else {
            refused(id);
        }
        return bytes;
    }

    /**
     * Notes that the check numbered {@code order}, begun at {@code began}, found the file there and intact, unless
     * a refusal numbered after it is noted: the refusal may have looked later, and wins.
     */
    private void passed(DictionaryId id, long order, long began) {
        notes.compute(id, (unused, note) -> switch (note) {
            case null -> {
                long refusal = latestRefusal.get();
                yield order > refusal ? new Note.Passed(order, began) : new Note.Refused(refusal);
            }
            case Note.Passed newer when newer.order() > order -> newer;
            case Note.Refused refusal when refusal.order() > order -> refusal;
            default -> new Note.Passed(order, began);
        });
    }

    /**
     * Notes that a check, now over, found the file gone or refused. It replaces only an entry there is (an id never
     * found there gets none); the store-wide {@link #latestRefusal} stands for it where there is none, raised first
     * so that a check noted after this meets one or the other. A refusal found noted already is dropped instead: the
     * dictionary stays gone, and keeps no entry.
     */
    private void refused(DictionaryId id) {
        long order = checkOrder.incrementAndGet();
        latestRefusal.accumulateAndGet(order, Math::max);
        notes.computeIfPresent(id, (unused, note) -> note instanceof Note.Refused ? null : new Note.Refused(order));
    }

    /** What memory knows of a dictionary's file, ordered by {@link #checkOrder}. */
    private sealed interface Note {
        /** The check numbered {@code order}, begun at {@code began} ({@link #nanoClock}), found it there and intact. */
        record Passed(long order, long began) implements Note {}

        /**
         * The refusal numbered {@code order} (of this file; of any, when the file had no entry) may have looked after
         * a check numbered before it: such a check's finding counts not.
         */
        record Refused(long order) implements Note {}
    }

    /** The dictionary's bytes, from memory when the file is as it was when cached, else read and verified. */
    private Optional<byte[]> check(DictionaryId id) {
        Path file = dir.resolve(id.hex());
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            cache.remove(id);
            return Optional.empty();
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        if (!attributes.isRegularFile()) {
            return Optional.empty();
        }
        DictionaryCache.Entry cached = cache.get(id);
        if (cached != null && cached.isOf(attributes.size(), attributes.lastModifiedTime())) {
            return Optional.of(cached.bytes());
        }
        cache.remove(id);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        DictionaryId actual = DictionaryId.of(bytes);
        if (!actual.equals(id)) {
            throw new TamperedDictionaryException(file, actual.hex());
        }
        // the attributes from before the read: a change during it makes the next call read again
        cache.put(id, new DictionaryCache.Entry(bytes, attributes.size(), attributes.lastModifiedTime()));
        return Optional.of(bytes);
    }

    private StoredDictionary describe(DictionaryId id, byte[] bytes) {
        return new StoredDictionary(id, bytes.length, ZstdDictionaryHeader.dictId(bytes), origin(id));
    }

    private DictionaryOrigin origin(DictionaryId id) {
        try {
            return OriginFile.parse(Files.readString(dir.resolve(id.hex() + OriginFile.SUFFIX)));
        } catch (IOException e) { // absent (placed by hand) or unreadable: it only describes
            return new DictionaryOrigin.Unrecorded();
        }
    }

    /** The ids the directory's file names have, sorted; sidecars, temporary files and others are not dictionaries. */
    private List<DictionaryId> ids() {
        List<DictionaryId> ids = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (DictionaryId.isValid(name)) {
                    ids.add(new DictionaryId(name));
                }
            }
        } catch (IOException e) {
            throw notListed(e);
        } catch (DirectoryIteratorException e) { // a failure while iterating, wrapped by the stream
            throw notListed(e.getCause());
        }
        ids.sort(Comparator.comparing(DictionaryId::hex));
        return ids;
    }

    private DictionaryStoreFailureException notListed(IOException e) {
        return new DictionaryStoreFailureException("the dictionary directory could not be listed", dir, e);
    }

    private static DictionaryStoreFailureException unreadable(Path file, IOException e) {
        return new DictionaryStoreFailureException("dictionary file " + file.getFileName() + " could not be read",
                file, e);
    }

    private void writable() {
        if (dir.getFileSystem().isReadOnly() || !Files.isWritable(dir)) {
            throw new ReadOnlyDictionaryStoreException(dir, null);
        }
    }

    /**
     * A temporary file in the same directory, synced, then moved over {@code target} in one step.
     *
     * @throws DictionaryStoreFailureException when it could not be written, e.g. on a full disk
     */
    private void writeAtomically(Path target, byte[] bytes) {
        Path temporary;
        try {
            temporary = Files.createTempFile(dir, ".", ".part");
        } catch (AccessDeniedException | ReadOnlyFileSystemException e) {
            throw new ReadOnlyDictionaryStoreException(dir, e);
        } catch (FileSystemException e) {
            if (e.getReason() != null && e.getReason().contains("Read-only file system")) {
                throw new ReadOnlyDictionaryStoreException(dir, e);
            }
            throw notWritten(target, e);
        } catch (IOException e) {
            throw notWritten(target, e);
        }
        try {
            try {
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                    for (ByteBuffer buffer = ByteBuffer.wrap(bytes); buffer.hasRemaining(); ) {
                        channel.write(buffer);
                    }
                    channel.force(true);
                }
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw notWritten(target, e);
        }
    }

    private static DictionaryStoreFailureException notWritten(Path file, IOException e) {
        return new DictionaryStoreFailureException("dictionary file " + file.getFileName() + " could not be written",
                file, e);
    }
}
