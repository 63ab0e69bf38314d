package io.harmony4.engine;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

/**
 * The production engine: {@code libh4core} (libzstd inside) called through the FFM API ({@link CoreLibrary}).
 * Byte format: one zstd frame with content size and content checksum ({@code docs/core-engine.md}).
 *
 * <p>Java arrays reach the core in place: no copies. Native working memory lives in {@code h4_ctx} contexts
 * ({@link CoreContextPool}), freed by {@link #close()}. Every size the core returns is checked before it is trusted.
 *
 * <p>{@link #decompress} checks the frame's content checksum twice: libzstd while decoding and Java afterwards.
 * {@link #decompressUnchecked} checks neither, for callers with a digest of their own, in one call or in steps.
 *
 * <p>Dictionaries ({@link DictionaryCompression}): {@link #withDictionary} gives this engine bound to one, with the
 * same checks.
 *
 * <p>Streams ({@link MessageStreams}): one zstd frame per stream, a flush per message, at any level of the core
 * (not only this engine's), freed by their close or by this engine's.
 */
public final class CoreEngine implements CompressionEngine, UncheckedDecompression, DirectDecompression,
        SteppedDecompression, CompressedSizeEstimate, NativeFilters, DictionaryCompression, MessageStreams, AutoCloseable {
    public static final String ID = "h4-core";
    public static final int DEFAULT_LEVEL = 3;

    /**
     * zstd's format cannot expand more than this: a block holds at most 128 KiB and takes at least 4 bytes
     * (3-byte header, 1 RLE byte). A frame that declares more is forged, whatever it says.
     */
    static final long MAX_EXPANSION = 128 * 1024 / 4;
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** zstd's content checksum function (seed 0). */
    private static final Hasher64 XXH64 = Hashing.xxh64();

    /**
     * What engines at different levels of one loaded library share, and the dictionaries digested by it, which must
     * be freed before it is unloaded.
     */
    private record Shared(Arena arena, CoreLibrary lib, CoreContextPool contexts, boolean verifyCompression,
            Set<CoreDictionary> dictionaries, Set<CoreStream> streams) {
        Shared(Arena arena, CoreLibrary lib, boolean verifyCompression) {
            this(arena, lib, new CoreContextPool(lib), verifyCompression, ConcurrentHashMap.newKeySet(),
                    ConcurrentHashMap.newKeySet());
        }
    }

    private final Shared shared;
    private final CoreLibrary lib;
    private final CoreContextPool contexts;
    private final int level;
    private final EngineInfo info;
    private final boolean owner;

    private CoreEngine(Shared shared, int level, boolean owner) {
        this.shared = shared;
        this.lib = shared.lib();
        this.contexts = shared.contexts();
        this.owner = owner;
        int min;
        int max;
        String json;
        try {
            min = lib.minLevel();
            max = lib.maxLevel();
            json = lib.info();
        } catch (RuntimeException | Error e) {
            throw new CoreUnavailableException("the core failed to describe itself", e);
        }
        if (level < min || level > max) {
            throw new IllegalArgumentException("level " + level + " is outside the core's range " + min + ".." + max);
        }
        this.level = level;
        CoreInfo core = CoreInfo.parse(json);
        if (!ID.equals(core.id())) {
            throw new CoreUnavailableException("the core identifies as '" + core.id() + "', not '" + ID + "'");
        }
        this.info = new EngineInfo(ID, core.version(), CoreLibrary.ABI_VERSION,
                core.codec() + " " + core.codecVersion(), level, Optional.of(core.kernels()));
    }

    /**
     * Loads the core at {@code library}. The library stays loaded until {@link #close()}.
     *
     * @throws CoreUnavailableException if it cannot be used; the message names no path
     */
    public static CoreEngine load(Path library, int level) {
        return load(library, level, true);
    }

    /**
     * {@link #load(Path, int)}, choosing whether compression is checked.
     *
     * @param verifyCompression decode every frame {@link #compress} makes and compare it with the input, so that a
     *     core returning a damaged frame fails the call instead of yielding a container that cannot be read back
     *     (costs one decompression per compression; docs/core-engine.md gives the figures)
     */
    public static CoreEngine load(Path library, int level, boolean verifyCompression) {
        Objects.requireNonNull(library, "library");
        Arena arena = CoreLibrary.foreign("allocate native memory", Arena::ofShared);
        try {
            CoreLibrary lib = CoreLibrary.load(library, arena);
            checkCompressBound(lib);
            return new CoreEngine(new Shared(arena, lib, verifyCompression), level, true);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** Sizes around each term of libzstd's bound formula: none, a block's 255 and 256, the last and first of 128 KiB. */
    private static final int[] BOUND_PROBES = {0, 1, 255, 256, 4095, 4096, 128 * 1024 - 1, 128 * 1024, 1 << 24};

    /**
     * Frames are sized by {@link ZstdFrameSizes#compressBound}, libzstd's formula in Java: the libzstd this core
     * loaded must agree, or a frame could outgrow its buffer.
     */
    private static void checkCompressBound(CoreLibrary lib) {
        for (int size : BOUND_PROBES) {
            long core = lib.compressBound(size);
            if (core != ZstdFrameSizes.compressBound(size)) {
                throw new CoreUnavailableException("the core bounds a frame of " + size + " bytes by " + core
                        + ", not by libzstd's formula (" + ZstdFrameSizes.compressBound(size) + ")");
            }
        }
    }

    /**
     * The same core at another level, sharing the loaded library and its contexts. Closing the returned engine
     * does nothing; the library is released when this engine (the one {@link #load} returned) is closed.
     *
     * @throws IllegalArgumentException if the level is outside the core's range
     */
    public CoreEngine atLevel(int otherLevel) {
        return otherLevel == level ? this : new CoreEngine(shared, otherLevel, false);
    }

    @Override
    public byte[] compress(byte[] input) {
        return compress(input, null);
    }

    /**
     * {@link #compress}, with {@code dictionary} when not null. With a dictionary the round-trip check is the core's
     * own ({@code h4_compress_dict_verified}): decoded and compared in the same call, with no Java copy, so that the
     * small messages dictionaries serve do not pay a second call and two arrays for it.
     */
    byte[] compress(byte[] input, CoreDictionary dictionary) {
        int bound = bound(input);
        boolean verify = shared.verifyCompression();
        try (Call call = new Call(dictionary)) {
            int size = frame(call, input, bound, verify);
            byte[] frame = Arrays.copyOf(call.ctx.frameOutput(bound), size);
            if (verify && dictionary == null) {
                verifyRoundTrip(call, input, frame);
            }
            return frame;
        }
    }

    /** The size of the frame {@link #compress} would make, without its round-trip check: nothing is kept of it. */
    @Override
    public int compressedSize(byte[] input) {
        int bound = bound(input);
        try (Call call = new Call(null)) {
            return frame(call, input, bound, false);
        }
    }

    /** The most a frame of {@code input} may take, which one core call can write. */
    private int bound(byte[] input) {
        Objects.requireNonNull(input, "input");
        long bound = ZstdFrameSizes.compressBound(input.length);
        if (bound <= 0 || bound > MAX_ARRAY) {
            throw new CompressionException("input of " + input.length + " bytes is too large for one core call");
        }
        return (int) bound;
    }

    /**
     * One frame of {@code input}, with the call's dictionary if it has one, into the context's frame array
     * ({@link CoreContextPool.Context#frameOutput}); returns its size, checked against {@code bound}.
     * {@code verified}: with a dictionary, checked by the core as it makes it.
     */
    private int frame(Call call, byte[] input, int bound, boolean verified) {
        byte[] out = call.ctx.frameOutput(bound);
        long written = call.dict == null
                ? lib.compress(call.ctx.handle, out, input, level)
                : verified
                        ? lib.compressWithDictionaryVerified(call.ctx.handle, call.dict, out, input)
                        : lib.compressWithDictionary(call.ctx.handle, call.dict, out, input);
        if (written == 0 || written > bound) {
            throw new EngineFailureException("core reported " + written + " compressed bytes for a buffer of "
                    + bound);
        }
        return (int) written;
    }

    /** What one call holds: a pooled context and, with a dictionary, a lease on its digest at this level. */
    private final class Call implements AutoCloseable {
        final CoreContextPool.Context ctx;
        final CoreDictionary dictionary;
        /** The digest, or null without a dictionary. */
        final MemorySegment dict;

        Call(CoreDictionary dictionary) {
            this.dictionary = dictionary;
            this.dict = dictionary == null ? null : dictionary.acquire(level);
            try {
                this.ctx = contexts.acquire();
            } catch (RuntimeException e) {
                releaseDictionary();
                throw e;
            }
        }

        @Override
        public void close() {
            contexts.release(ctx);
            releaseDictionary();
        }

        private void releaseDictionary() {
            if (dictionary != null) {
                dictionary.release(level);
            }
        }
    }

    /**
     * The frame must decode, here and now, to exactly the input it was made from. Compared byte for byte, which is
     * stronger than any checksum, so the decode skips the checksum (unchecked). Decoded into the context's second
     * array, zeroed first as a new one would be: a decoder that reported success without writing must not pass on
     * the bytes an earlier block left there.
     */
    private void verifyRoundTrip(Call call, byte[] input, byte[] frame) {
        int n = input.length;
        byte[] decoded = call.ctx.checkOutput(n);
        Arrays.fill(decoded, 0, n, (byte) 0);
        long written;
        try {
            if (declaredSize(frame) != n) {
                throw otherBytes();
            }
            written = lib.decompressUnchecked(call.ctx.handle, decoded, frame);
        } catch (CorruptInputException e) {
            throw new EngineFailureException("core made a frame that does not decode: " + e.getMessage());
        }
        if (written != n || !Arrays.equals(decoded, 0, n, input, 0, n)) {
            throw otherBytes();
        }
    }

    /**
     * The content size {@code frame} declares: read in Java for a well-formed header (no downcall), by the core for
     * any other bytes, whose error then names the fault.
     */
    private long declaredSize(byte[] frame) {
        long declared = ZstdFrameSizes.declaredContentSize(frame);
        return declared != ZstdFrameSizes.ASK_THE_CORE ? declared : lib.decompressedSize(frame);
    }

    private static EngineFailureException otherBytes() {
        return new EngineFailureException("core made a frame that decodes to other bytes than its input");
    }

    @Override
    public byte[] decompress(byte[] compressed) {
        return decompress(compressed, true, null);
    }

    /** {@link #decompress}, with {@code dictionary}. */
    byte[] decompress(byte[] compressed, CoreDictionary dictionary) {
        return decompress(compressed, true, dictionary);
    }

    @Override
    public byte[] decompressUnchecked(byte[] compressed) {
        return decompress(compressed, false, null);
    }

    /**
     * One frame into a new array of its declared size.
     *
     * @param checked verify the frame's content checksum: without a dictionary libzstd ({@code h4_decompress}) and
     *     again here in Java; with one only here, once ({@code h4_decompress_dict_unchecked}, ABI 8: libzstd's pass
     *     was a second XXH64 of every byte, about 5% of a 4 KiB message); otherwise neither
     *     ({@code h4_decompress_unchecked}), and the caller answers for the content
     * @param dictionary the dictionary to decode with, or null
     */
    private byte[] decompress(byte[] compressed, boolean checked, CoreDictionary dictionary) {
        Objects.requireNonNull(compressed, "compressed");
        long declared = declaredSize(compressed);
        // Checked before allocating: the frame cannot honestly hold more than this.
        if (declared > MAX_EXPANSION * compressed.length || declared > MAX_ARRAY) {
            throw new CorruptInputException("frame declares " + declared + " bytes, more than "
                    + compressed.length + " compressed bytes can hold", 0);
        }
        try (Call call = new Call(dictionary)) {
            byte[] out = new byte[(int) declared];
            long written = call.dict != null
                    ? lib.decompressWithDictionaryUnchecked(call.ctx.handle, call.dict, dictionary.dictId(), out,
                            compressed)
                    : checked
                            ? lib.decompress(call.ctx.handle, out, compressed)
                            : lib.decompressUnchecked(call.ctx.handle, out, compressed);
            if (written != declared) {
                throw new EngineFailureException("core wrote " + written + " bytes for a frame declaring " + declared);
            }
            // The frame's content checksum (its last 4 bytes: XXH64, low 32 bits), checked here, in Java, catches a
            // core that returns other bytes than the ones it decoded (without a dictionary libzstd checked it too).
            if (checked && (compressed.length < 4
                    || (int) XXH64.hashBytesToLong(out) != le32(compressed, compressed.length - 4))) {
                throw dictionary == null ? lyingCore() : checksumMismatch(call, dictionary, compressed, out);
            }
            return out;
        }
    }

    /** One frame, read in place from a slice of the array, into native memory the caller owns; no Java copy. */
    @Override
    public long decompressUncheckedInto(byte[] compressed, int offset, int length, ByteBuffer out) {
        Objects.requireNonNull(compressed, "compressed");
        Objects.checkFromIndexSize(offset, length, compressed.length);
        if (!out.isDirect()) {
            throw new IllegalArgumentException("out must be a direct buffer");
        }
        MemorySegment src = MemorySegment.ofArray(compressed).asSlice(offset, length);
        long declared = lib.decompressedSize(src);
        if (declared != out.remaining()) {
            return declared;
        }
        try (Call call = new Call(null)) {
            long written = lib.decompressUnchecked(call.ctx.handle, MemorySegment.ofBuffer(out), src);
            if (written != declared) {
                throw new EngineFailureException("core wrote " + written + " bytes for a frame declaring " + declared);
            }
            return declared;
        }
    }

    private static EngineFailureException lyingCore() {
        return new EngineFailureException("core returned bytes that do not match the frame's checksum");
    }

    /**
     * Why a frame decoded with a dictionary failed the only check of its checksum, which is either a damaged frame
     * (the caller's input) or a core that returned other bytes than it decoded: libzstd's own check, run on this
     * path only, tells which.
     */
    private RuntimeException checksumMismatch(Call call, CoreDictionary dictionary, byte[] compressed, byte[] out) {
        try {
            lib.decompressWithDictionary(call.ctx.handle, call.dict, dictionary.dictId(), out, compressed);
        } catch (CorruptInputException damaged) {
            return damaged;
        }
        return lyingCore();
    }

    /**
     * One frame in steps ({@code h4_decompress_begin}, then {@code h4_decompress_step} until the declared size),
     * without its checksum; each step's bytes are copied from the context's native buffer into {@code out} before
     * {@code decodedUpTo} hears of them. Every size the core reports is checked before it is used.
     */
    @Override
    public void decompressUnchecked(byte[] compressed, int offset, int length, byte[] out, int stepBytes,
            IntConsumer decodedUpTo) {
        Objects.requireNonNull(compressed, "compressed");
        Objects.checkFromIndexSize(offset, length, compressed.length);
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(decodedUpTo, "decodedUpTo");
        if (stepBytes < 1) {
            throw new IllegalArgumentException("stepBytes " + stepBytes + " < 1");
        }
        // A slice of the array, passed in place: the frame need not be copied out of the chunk that holds it.
        MemorySegment src = MemorySegment.ofArray(compressed).asSlice(offset, length);
        CoreContextPool.Context ctx = contexts.acquire();
        try {
            long declared = lib.decompressBegin(ctx.handle, src, false);
            if (declared != out.length) {
                throw new CorruptInputException("frame declares " + declared + " bytes, " + out.length
                        + " were expected", 0);
            }
            MemorySegment dst = ctx.stepOutput(declared);
            long done = 0;
            do {
                long before = done;
                done = lib.decompressStep(ctx.handle, dst, src, stepBytes);
                if (done > declared || (done <= before && declared > 0)) {
                    throw new EngineFailureException("core reported " + done + " bytes decoded after " + before
                            + ", for a frame declaring " + declared);
                }
                MemorySegment.copy(dst, ValueLayout.JAVA_BYTE, before, out, (int) before, (int) (done - before));
                decodedUpTo.accept((int) done);
            } while (done < declared);
        } finally {
            contexts.release(ctx);
        }
    }

    @Override
    public byte[] trainDictionary(List<byte[]> samples, int capacity) {
        Objects.requireNonNull(samples, "samples");
        contexts.ensureOpen();
        return lib.trainDictionary(samples, capacity);
    }

    /** Digested at this engine's level now (which checks the bytes), at others on their first use. */
    @Override
    public CoreDictionary dictionary(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        contexts.ensureOpen();
        return new CoreDictionary(lib, bytes, level, false, shared.dictionaries());
    }

    /** As {@link #dictionary}, the bytes as raw content; never refused as damaged. */
    @Override
    public CoreDictionary rawDictionary(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        contexts.ensureOpen();
        return new CoreDictionary(lib, bytes, level, true, shared.dictionaries());
    }

    /** Refuses a dictionary digested by another loaded core: its memory is that library's. */
    @Override
    public CompressionEngine withDictionary(CoreDictionary dictionary) {
        Objects.requireNonNull(dictionary, "dictionary");
        if (!dictionary.isOf(lib)) {
            throw new IllegalArgumentException("the dictionary was digested by another loaded core");
        }
        return new CoreDictionaryEngine(this, dictionary);
    }

    @Override
    public long frameDictId(byte[] frame) {
        Objects.requireNonNull(frame, "frame");
        contexts.ensureOpen();
        return lib.frameDictionaryId(frame);
    }

    @Override
    public FrameHeader frameHeader(byte[] frame) {
        Objects.requireNonNull(frame, "frame");
        contexts.ensureOpen();
        return lib.frameHeader(frame);
    }

    @Override
    public StreamFormat format() {
        return StreamFormat.ZSTD_FRAME;
    }

    /** At the settings' level, which may differ from this engine's. */
    @Override
    public MessageStreamCompressor compressor(StreamSettings settings) {
        return new CoreStreamCompressor(lib, checked(settings), shared.streams());
    }

    @Override
    public MessageStreamDecompressor decompressor(StreamSettings settings) {
        return new CoreStreamDecompressor(lib, checked(settings), shared.streams());
    }

    private StreamSettings checked(StreamSettings settings) {
        Objects.requireNonNull(settings, "settings");
        contexts.ensureOpen();
        if (settings.dictionary() != null && !settings.dictionary().isOf(lib)) {
            throw new IllegalArgumentException("the dictionary was digested by another loaded core");
        }
        return settings;
    }

    /** Needs no context: the filters keep no state, and allocate what working memory they need themselves. */
    @Override
    public void applyFilters(int[] chain, byte[] src, byte[] dst) {
        contexts.ensureOpen();
        checkFiltered(lib.filterApply(chain, dst, src), src.length);
    }

    @Override
    public void undoFilters(int[] chain, byte[] src, byte[] dst) {
        contexts.ensureOpen();
        checkFiltered(lib.filterUndo(chain, dst, src), src.length);
    }

    private static void checkFiltered(long written, int size) {
        if (written != size) {
            throw new EngineFailureException("core reported " + written + " filtered bytes for " + size);
        }
    }

    private static int le32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    /**
     * Frees the pooled contexts, the streams and the dictionaries not closed yet, and unloads the library, for the engine
     * {@link #load} returned; a no-op for engines from {@link #atLevel}. Calls that are still running must have
     * returned.
     */
    @Override
    public void close() {
        if (!owner || contexts.isClosed()) {
            return;
        }
        contexts.close();
        // streams first: each holds a lease on its dictionary, which its close ends
        List.copyOf(shared.streams()).forEach(CoreStream::close);
        List.copyOf(shared.dictionaries()).forEach(CoreDictionary::close);
        shared.arena().close();
    }

    /** The dictionaries of this loaded core not freed yet: what its close would free. */
    int liveDictionaries() {
        return shared.dictionaries().size();
    }

    @Override
    public EngineInfo info() {
        return info;
    }
}
