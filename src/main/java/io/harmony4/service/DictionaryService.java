package io.harmony4.service;

import io.harmony4.config.ActiveEngine;
import io.harmony4.config.Harmony4Config;
import io.harmony4.dictionary.DictionaryId;
import io.harmony4.dictionary.DictionaryListing;
import io.harmony4.dictionary.DictionaryOrigin;
import io.harmony4.dictionary.DictionaryStore;
import io.harmony4.dictionary.DictionaryStoreFailureException;
import io.harmony4.dictionary.ReadOnlyDictionaryStoreException;
import io.harmony4.dictionary.StoredDictionary;
import io.harmony4.engine.CompressionEngine;
import io.harmony4.engine.CoreDictionary;
import io.harmony4.engine.DictionaryCompression;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * The service's dictionaries (docs/dictionaries.md): trained from samples or stored as given, each checked by the
 * engine before it is stored, kept in the {@link DictionaryStore}, and digested once for the messages and streams
 * that use them.
 *
 * <p>Training, storing and using a dictionary need the native core; with the reference engine serving they are a
 * {@link io.harmony4.engine.DictionariesUnsupportedException}, while reading and listing the store still work.
 * Without {@code harmony4.dictionaries.dir} every call is a {@link DictionariesNotConfiguredException}.
 */
@ApplicationScoped
public class DictionaryService {
    private static final Logger LOG = Logger.getLogger(DictionaryService.class);
    /** Smallest target size a training request may ask for: zstd refuses to make a smaller dictionary. */
    public static final int MIN_TRAINED_SIZE = 256;
    /** What a caller that gets a dictionary just evicted (and closed) does: takes it again, once. */
    private static final int TRIES = 2;

    private final ActiveEngine active;
    private final Optional<DictionaryStore> store;
    private final int maxSize;
    private final long maxTrainingSize;
    private final boolean readOnly;
    private final DigestedDictionaries digested;

    @Inject
    DictionaryService(ActiveEngine active, Harmony4Config config) {
        this(active, config, System::nanoTime);
    }

    /** {@code nanoClock}: the monotonic clock the store's check interval is measured by (a test's own). */
    DictionaryService(ActiveEngine active, Harmony4Config config, LongSupplier nanoClock) {
        this.active = active;
        Harmony4Config.Dictionaries settings = config.dictionaries();
        this.maxSize = (int) Math.min(Integer.MAX_VALUE - 64, settings.maxSize().asLongValue());
        this.maxTrainingSize = settings.maxTrainingSize().asLongValue();
        this.readOnly = settings.readOnly();
        long cacheBytes = settings.cacheSize().asLongValue();
        Duration checkInterval = settings.checkInterval();
        if (checkInterval.isNegative()) {
            throw new IllegalStateException("harmony4.dictionaries.check-interval must be 0 or more, got "
                    + checkInterval);
        }
        this.store = settings.dir().map(dir -> open(Path.of(dir), cacheBytes, checkInterval, nanoClock));
        this.digested = new DigestedDictionaries(cacheBytes);
    }

    private static DictionaryStore open(Path dir, long cacheBytes, Duration checkInterval, LongSupplier nanoClock) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the dictionary directory harmony4.dictionaries.dir: "
                    + e.getMessage(), e);
        }
        return new DictionaryStore(dir, cacheBytes, checkInterval, nanoClock);
    }

    /** The largest dictionary stored or trained, in bytes. */
    public int maxSize() {
        return maxSize;
    }

    /**
     * Refuses a request that would store a dictionary when the service is configured read-only
     * ({@code harmony4.dictionaries.read-only}), before its body is read.
     *
     * @throws ReadOnlyDictionaryStoreException when it is
     */
    public void checkWritable() {
        DictionaryStore dictionaries = store();
        if (readOnly) {
            throw new ReadOnlyDictionaryStoreException(dictionaries.dir(), "this service's dictionary store is "
                    + "read-only (harmony4.dictionaries.read-only): dictionaries can be read, not stored", null);
        }
    }

    /** The largest training request ({@code harmony4.dictionaries.max-training-size}), in bytes. */
    public long maxTrainingSize() {
        return maxTrainingSize;
    }

    /**
     * Refuses a training request from its declared length, before its body is read.
     *
     * @throws SizeLimitException when it is above {@code harmony4.dictionaries.max-training-size}
     */
    public void checkTrainingRequest(long contentLength) {
        if (contentLength > maxTrainingSize) {
            throw trainingTooLarge("is " + contentLength + " bytes");
        }
    }

    /** The problem of a training request over the limit, whose size is {@code what}. */
    public SizeLimitException trainingTooLarge(String what) {
        return new SizeLimitException(SizeLimitException.Subject.TRAINING, maxTrainingSize, "the training request's "
                + "body " + what + ": more than this service trains on; zstd advises samples of about 100 times the "
                + "dictionary's size, send a subset");
    }

    /**
     * Trains a dictionary on the samples, for a target size ({@code null}: zstd's default, within the limit), and
     * stores it with how it was made. The same samples and size give the same dictionary, so the same id.
     *
     * @throws io.harmony4.engine.DictionaryTrainingException when the samples make no dictionary
     */
    public StoredDictionary train(List<byte[]> samples, Integer size) {
        DictionaryStore dictionaries = store();
        checkWritable();
        if (samples.isEmpty()) {
            throw new InvalidParameterException("sample", "send the samples as multipart/form-data, one part named "
                    + "'sample' per sample; zstd needs some hundreds of them, each like the messages to compress");
        }
        int capacity = targetSize(size);
        byte[] dictionary = engineDictionaries(active.engine()).trainDictionary(samples, capacity);
        long sampleBytes = samples.stream().mapToLong(s -> s.length).sum();
        return dictionaries.put(dictionary, new DictionaryOrigin.Trained(samples.size(), sampleBytes, capacity));
    }

    private int targetSize(Integer size) {
        if (size == null) {
            return Math.min(DictionaryCompression.DEFAULT_DICTIONARY_SIZE, maxSize);
        }
        if (size < MIN_TRAINED_SIZE || size > maxSize) {
            throw new InvalidParameterException("size", "size must be between " + MIN_TRAINED_SIZE + " and "
                    + maxSize + " bytes (harmony4.dictionaries.max-size), got " + size);
        }
        return size;
    }

    /** A stored dictionary, and whether this call stored it (false: it was there already). */
    public record Stored(StoredDictionary dictionary, boolean created) {}

    /**
     * Stores a dictionary made elsewhere under its id, after the engine has read it (damaged tables are refused).
     * Idempotent: the same bytes again change nothing.
     *
     * @throws io.harmony4.dictionary.DictionaryIdMismatchException when {@code id} is not the bytes' SHA-256
     * @throws io.harmony4.engine.InvalidDictionaryException when the engine cannot use the bytes
     */
    public Stored put(String id, byte[] bytes) {
        DictionaryStore dictionaries = store();
        checkWritable();
        DictionaryId named = parseId(id, "id");
        checkSize(bytes.length);
        try (CoreDictionary checked = engineDictionaries(active.engine()).dictionary(bytes)) {
            // digested once to check it: the tables load, or the put is refused
            checked.dictId();
        }
        DictionaryStore.Put put = dictionaries.put(named, bytes); // created: this put wrote it, decided in the store
        return new Stored(put.dictionary(), put.written());
    }

    /** Refuses a dictionary over the limit before anything is done with it. */
    public void checkSize(long size) {
        if (size > maxSize) {
            throw new SizeLimitException(SizeLimitException.Subject.DICTIONARY, maxSize,
                    "a dictionary of " + size + " bytes is larger than this service stores");
        }
    }

    /** A stored dictionary's bytes, verified against its id. */
    public byte[] get(String id) {
        DictionaryId named = parseId(id, "id");
        return store().get(named).orElseThrow(() -> UnknownDictionaryException.byId(named.hex()));
    }

    /** Every stored dictionary, every file refused, and every file that could not be read (logged: the operator's). */
    public DictionaryListing list() {
        DictionaryListing listing = store().list();
        for (DictionaryStoreFailureException unreadable : listing.unreadable()) {
            LOG.warnf(unreadable.getCause(), "dictionary listing: %s (%s)", unreadable.getMessage(),
                    unreadable.path());
        }
        return listing;
    }

    /**
     * Runs {@code use} with the serving engine at {@code level} ({@code null}: the configured one) bound to the
     * dictionary {@code id}: with {@code rawContent}, its bytes as raw content whatever they start with (how
     * {@code dcz} applies a dictionary), else by zstd's rule.
     */
    <T> T withDictionary(DictionaryId id, Integer level, boolean rawContent, Function<CompressionEngine, T> use) {
        DictionaryCompression engine = engineDictionaries(engineAt(level));
        return withDigest(id, rawContent, true, dictionary -> use.apply(engine.withDictionary(dictionary)));
    }

    /**
     * {@link #withDictionary} from memory alone, for an event loop, which must never wait for a disk: the result of
     * {@code use}, or empty when that would need a file looked at or read (the store has not checked the dictionary
     * within its check interval, its digest is not kept) or when the answer would be a problem (no store, an engine
     * without dictionaries); {@link #withDictionary} on a worker then does the work, or gives the problem.
     */
    <T> Optional<T> withDictionaryInMemory(DictionaryId id, Integer level, boolean rawContent,
            Function<CompressionEngine, T> use) {
        CompressionEngine atLevel = engineAt(level);
        if (store.isEmpty() || !store.get().recentlyVerified(id)
                || !(atLevel instanceof DictionaryCompression engine)) {
            return Optional.empty();
        }
        CoreDictionary dictionary = digested.kept(id, rawContent);
        // held, so that its digest at this level is not freed before the call takes it (a dictionary keeps a few)
        try (CoreDictionary.Hold held = dictionary == null ? null : dictionary.holdIfDigested(atLevel.info().level())) {
            if (held == null) {
                return Optional.empty(); // its tables at this level are built on a worker, not on the event loop
            }
            return Optional.of(use.apply(engine.withDictionary(dictionary)));
        } catch (IllegalStateException closed) {
            return Optional.empty(); // evicted (and so closed) since it was taken: the worker digests it again
        }
    }

    /**
     * {@link #withDictionary} by zstd's rule at the configured level, for an id {@link #byDictId} has just returned:
     * finding it checked that the store holds it, so its file is not looked at a second time for this message.
     */
    <T> T withDictionaryFound(DictionaryId found, Function<CompressionEngine, T> use) {
        DictionaryCompression engine = engineDictionaries(engineAt(null));
        return withDigest(found, false, false, dictionary -> use.apply(engine.withDictionary(dictionary)));
    }

    /**
     * Opens a stream with {@code open} over the dictionary {@code id} digested by zstd's rule: the digest messages
     * share, not one of its own. The stream must take its own lease on the digest for its life (a core stream does,
     * from its creation to its close), so that the cache may evict and close the dictionary while the stream lives:
     * the digest is freed when the stream ends.
     *
     * @throws io.harmony4.engine.DictionariesUnsupportedException when {@code engine} has no dictionaries
     */
    <T> T openWithDictionary(CompressionEngine engine, DictionaryId id, Function<CoreDictionary, T> open) {
        engineDictionaries(engine); // an engine without dictionaries is refused before any digest
        return withDigest(id, false, true, open);
    }

    /**
     * Runs {@code use} with the dictionary {@code id}, from the cache when it is kept, else digested by the engine at
     * the configured level whatever level the call asks for: a dictionary keeps its first level digested for its
     * life and only a few others, so the level most messages use must be that one, not the first caller's.
     * {@code checkStored}: first check that the store still holds it, unless the caller has just found it there.
     */
    private <T> T withDigest(DictionaryId id, boolean rawContent, boolean checkStored,
            Function<CoreDictionary, T> use) {
        DictionaryStore store = store();
        // the digest is kept, but a dictionary taken out of the store is not served past the store's check interval
        if (checkStored && !store.contains(id)) {
            throw UnknownDictionaryException.byId(id.hex());
        }
        for (int attempt = 1; ; attempt++) {
            CoreDictionary dictionary = digested.get(id, rawContent,
                    () -> digest(engineDictionaries(engineAt(null)), store, id, rawContent));
            try {
                return use.apply(dictionary);
            } catch (IllegalStateException closed) {
                // evicted (and so closed) between the cache and the lease: the next attempt digests it again
                if (attempt == TRIES) {
                    throw closed;
                }
            }
        }
    }

    /** How many dictionaries have been digested for messages and streams since start (cache misses). */
    long digests() {
        return digested.digests();
    }

    /** The stored bytes digested: read (and copied) only when the digest is not kept. */
    private static CoreDictionary digest(DictionaryCompression engine, DictionaryStore store, DictionaryId id,
            boolean rawContent) {
        byte[] bytes = store.get(id).orElseThrow(() -> UnknownDictionaryException.byId(id.hex()));
        return rawContent ? engine.rawDictionary(bytes) : engine.dictionary(bytes);
    }

    /**
     * The dictionary {@link #byDictId} found for {@code dictId} before, if the store checked it within its check
     * interval: from memory, with no file looked at. Empty says only that memory does not know.
     */
    Optional<DictionaryId> recentlyVerifiedByDictId(long dictId) {
        return store.flatMap(dictionaries -> dictionaries.recentlyVerifiedByDictId(dictId));
    }

    /** The stored dictionary whose header names {@code dictId}. */
    DictionaryId byDictId(long dictId) {
        return store().idByDictId(dictId).orElseThrow(() -> UnknownDictionaryException.byDictId(dictId));
    }

    /** The serving engine at {@code level}, the configured one when null. */
    CompressionEngine engineAt(Integer level) {
        return EngineLevels.at(active, level);
    }

    /** The engine's dictionaries, or the typed refusal of an engine without them. */
    static DictionaryCompression engineDictionaries(CompressionEngine engine) {
        return DictionaryCompression.of(engine);
    }

    /** {@code text} as a dictionary id, or a problem naming the parameter. */
    public static DictionaryId parseId(String text, String parameter) {
        try {
            return DictionaryId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(parameter, e.getMessage());
        }
    }

    private DictionaryStore store() {
        return store.orElseThrow(DictionariesNotConfiguredException::new);
    }

    @PreDestroy
    void close() {
        digested.close();
    }
}
