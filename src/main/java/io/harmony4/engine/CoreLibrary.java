package io.harmony4.engine;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The FFM binding of {@code native/include/h4core.h}, ABI version 5: the only class that calls the core. Every
 * downcall handle is made once, here, and stays private; each function of the ABI is a typed method that returns a
 * Java value or throws a typed exception for the core's {@code H4_E_*} code ({@link CoreError}). What the results
 * mean for the engine (sizes that fit, a round trip, the checksum again) is {@link CoreEngine}'s to check.
 *
 * <p>Buffers are passed as heap segments to handles linked with {@link Linker.Option#critical(boolean)} (no copy;
 * the JVM holds off GC for the call); the long calls (training, digesting a dictionary) copy through native memory
 * instead, so that GC does not wait for them.
 */
final class CoreLibrary {
    /**
     * The one ABI this build links: 5 added the dictionary calls, so ABI 4 is refused. The library ships with the jar
     * (and in its container image), so an exact match costs nothing and keeps every call's meaning certain.
     */
    static final int ABI_VERSION = 8;

    /**
     * Every function of the ABI, declared once: its symbol, its C signature, and whether it is linked
     * {@link Linker.Option#critical(boolean) critical} with heap access, so that Java arrays are passed in place.
     * The loader checks and links exactly these; a native image must register each descriptor
     * ({@code META-INF/native-image/io.harmony4/harmony4/reachability-metadata.json}, checked by a test).
     */
    enum Downcall {
        ABI_VERSION("h4_abi_version", false, FunctionDescriptor.of(JAVA_INT)),
        INFO("h4_info", false, FunctionDescriptor.of(ADDRESS)),
        MIN_LEVEL("h4_min_level", false, FunctionDescriptor.of(JAVA_INT)),
        MAX_LEVEL("h4_max_level", false, FunctionDescriptor.of(JAVA_INT)),
        COMPRESS_BOUND("h4_compress_bound", false, FunctionDescriptor.of(JAVA_LONG, JAVA_LONG)),
        CTX_CREATE("h4_ctx_create", false, FunctionDescriptor.of(ADDRESS)),
        CTX_FREE("h4_ctx_free", false, FunctionDescriptor.ofVoid(ADDRESS)),
        COMPRESS("h4_compress", true,
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_INT)),
        DECOMPRESSED_SIZE("h4_decompressed_size", true, FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG)),
        DECOMPRESS("h4_decompress", true,
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG)),
        DECOMPRESS_UNCHECKED("h4_decompress_unchecked", true,
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG)),
        DECOMPRESS_BEGIN("h4_decompress_begin", true,
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT)),
        /** Its output is native memory, the same on every step: zstd refers back to it, and the GC moves arrays. */
        DECOMPRESS_STEP("h4_decompress_step", true,
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG)),
        /** Short and never blocking, on arrays of a block: in place, like the codec's calls. */
        FILTER_APPLY("h4_filter_apply", true,
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG)),
        FILTER_UNDO("h4_filter_undo", true,
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG)),
        /** Runs for up to seconds: native copies of the samples, so that GC does not wait. */
        DICT_TRAIN("h4_dict_train", false,
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG)),
        /** Builds zstd's tables once per dictionary and level: a native copy, as for training. */
        DICT_CREATE("h4_dict_create", false, FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS)),
        DICT_FREE("h4_dict_free", false, FunctionDescriptor.ofVoid(ADDRESS)),
        DICT_ID("h4_dict_id", false, FunctionDescriptor.of(JAVA_INT, ADDRESS)),
        COMPRESS_DICT("h4_compress_dict", true,
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG)),
        DECOMPRESS_DICT("h4_decompress_dict", true,
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG)),
        FRAME_DICT_ID("h4_frame_dict_id", true, FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG)),
        /** Since ABI 6: any bytes as raw content (dcz); a native copy, as {@link #DICT_CREATE}. */
        DICT_CREATE_RAW("h4_dict_create_raw", false,
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS)),
        /** Since ABI 6: reads a header only; the frame and the 16-byte answer are arrays, in place. */
        FRAME_INFO("h4_frame_info", true, FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS)),
        /** Since ABI 7: compresses, decodes again into the context's memory and compares, in one call. */
        COMPRESS_DICT_VERIFIED("h4_compress_dict_verified", true,
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG)),
        /** Since ABI 8: {@link #DECOMPRESS_DICT} without libzstd's checksum check, which the caller makes itself. */
        DECOMPRESS_DICT_UNCHECKED("h4_decompress_dict_unchecked", true,
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG)),
        ERROR_NAME("h4_error_name", false, FunctionDescriptor.of(ADDRESS, JAVA_LONG)),
        // Streams (since ABI 6): one zstd context per stream, a message per call, in place like the codec's calls
        CSTREAM_CREATE("h4_cstream_create", false,
                FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS)),
        CSTREAM_FREE("h4_cstream_free", false, FunctionDescriptor.ofVoid(ADDRESS)),
        CSTREAM_BOUND("h4_cstream_bound", false, FunctionDescriptor.of(JAVA_LONG, JAVA_LONG)),
        CSTREAM_COMPRESS("h4_cstream_compress", true,
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG)),
        CSTREAM_FINISH("h4_cstream_finish", true, FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG)),
        CSTREAM_MEMORY("h4_cstream_memory", false, FunctionDescriptor.of(JAVA_LONG, ADDRESS)),
        DSTREAM_CREATE("h4_dstream_create", false, FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, ADDRESS)),
        DSTREAM_FREE("h4_dstream_free", false, FunctionDescriptor.ofVoid(ADDRESS)),
        DSTREAM_DECOMPRESS("h4_dstream_decompress", true,
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG)),
        DSTREAM_ENDED("h4_dstream_ended", false, FunctionDescriptor.of(JAVA_INT, ADDRESS)),
        DSTREAM_MEMORY("h4_dstream_memory", false, FunctionDescriptor.of(JAVA_LONG, ADDRESS));

        final String symbol;
        /** Linked with {@code Linker.Option.critical(true)}: heap segments are passed in place, GC waits. */
        final boolean critical;
        final FunctionDescriptor descriptor;

        Downcall(String symbol, boolean critical, FunctionDescriptor descriptor) {
            this.symbol = symbol;
            this.critical = critical;
            this.descriptor = descriptor;
        }

        private MethodHandle link(Linker linker, MemorySegment address) {
            return foreign("link " + symbol, () -> critical
                    ? linker.downcallHandle(address, descriptor, Linker.Option.critical(true))
                    : linker.downcallHandle(address, descriptor));
        }
    }

    /** What a failed call was doing, as messages name it: the same code means other things to each. */
    enum Operation {
        COMPRESS("compress"),
        DECOMPRESS("decompress"),
        TRAIN("dictionary training"),
        DIGEST("dictionary digest");

        final String text;

        Operation(String text) {
            this.text = text;
        }
    }

    /**
     * The dictionary calls a message makes ({@code h4_compress_dict}, {@code _verified}, {@code h4_decompress_dict},
     * {@code _unchecked}) share one C signature, so one handle serves them all: linked without an address, in a
     * constant, each loaded library's function address passed with the call. The JIT inlines a constant downcall
     * handle into its caller; one read from {@link #handles} is not constant, so its call goes through the handle's
     * lambda form out of line, acquiring each heap segment's session there (a tenth of the Java side of a 256-byte
     * message's decode under {@code perf}). Initialised on first use, after {@link #load} has linked the same
     * signature, so a runtime without FFM support fails in {@link #load}, with its reason, never here.
     */
    private static final class MessageCall {
        static final MethodHandle HANDLE = Linker.nativeLinker().downcallHandle(Downcall.COMPRESS_DICT.descriptor,
                Linker.Option.critical(true));

        private MessageCall() {
        }
    }

    /** Indexed by {@link Downcall#ordinal()}. */
    private final MethodHandle[] handles;
    /** The functions' addresses, indexed as {@link #handles}: what {@link MessageCall#HANDLE} calls. */
    private final MemorySegment[] addresses;

    private CoreLibrary(MethodHandle[] handles, MemorySegment[] addresses) {
        this.handles = handles;
        this.addresses = addresses;
    }

    /**
     * Loads the library at {@code path} into {@code arena} and checks that it speaks {@link #ABI_VERSION} and has every
     * function of it. The library stays loaded until the arena is closed.
     *
     * @throws CoreUnavailableException with a reason that names no path
     */
    static CoreLibrary load(Path path, Arena arena) {
        if (!Files.isRegularFile(path)) {
            throw new CoreUnavailableException("no core library file at the configured path");
        }
        Linker linker = foreign("link native code", Linker::nativeLinker);
        SymbolLookup lookup;
        try {
            lookup = foreign("load a shared library", () -> SymbolLookup.libraryLookup(path, arena));
        } catch (IllegalArgumentException e) {
            throw new CoreUnavailableException("the configured core file is not a loadable shared library", e);
        } catch (IllegalCallerException e) {
            throw new CoreUnavailableException(
                    "native access is not enabled for this JVM (--enable-native-access=ALL-UNNAMED)", e);
        }
        // The version first: a library of another ABI may have the same names with other signatures.
        MemorySegment versionSymbol = lookup.find(Downcall.ABI_VERSION.symbol)
                .orElseThrow(() -> new CoreUnavailableException(
                        "the configured library is not an h4 core: it has no " + Downcall.ABI_VERSION.symbol));
        MethodHandle versionHandle = Downcall.ABI_VERSION.link(linker, versionSymbol);
        int version;
        try {
            version = (int) versionHandle.invokeExact();
        } catch (Throwable t) {
            throw new CoreUnavailableException(Downcall.ABI_VERSION.symbol + " failed", t);
        }
        if (version != ABI_VERSION) {
            throw new CoreUnavailableException(
                    "core ABI version " + Integer.toUnsignedString(version) + " is not the supported " + ABI_VERSION);
        }
        List<String> missing = Arrays.stream(Downcall.values())
                .map(downcall -> downcall.symbol)
                .filter(symbol -> lookup.find(symbol).isEmpty())
                .toList();
        if (!missing.isEmpty()) {
            throw new CoreUnavailableException("core library lacks ABI functions: " + String.join(", ", missing));
        }
        MethodHandle[] handles = new MethodHandle[Downcall.values().length];
        MemorySegment[] addresses = new MemorySegment[Downcall.values().length];
        for (Downcall downcall : Downcall.values()) {
            addresses[downcall.ordinal()] = lookup.find(downcall.symbol).orElseThrow();
            handles[downcall.ordinal()] = downcall == Downcall.ABI_VERSION
                    ? versionHandle
                    : downcall.link(linker, addresses[downcall.ordinal()]);
        }
        return new CoreLibrary(handles, addresses);
    }

    /** {@code h4_info()}: the core's public metadata as JSON text ({@link CoreInfo} reads it). */
    String info() {
        return call(() -> ((MemorySegment) handle(Downcall.INFO).invokeExact()).reinterpret(4096).getString(0));
    }

    /** {@code h4_min_level()}. */
    int minLevel() {
        return call(() -> (int) handle(Downcall.MIN_LEVEL).invokeExact());
    }

    /** {@code h4_max_level()}. */
    int maxLevel() {
        return call(() -> (int) handle(Downcall.MAX_LEVEL).invokeExact());
    }

    /** {@code h4_compress_bound()}: the largest frame of {@code srcSize} bytes, 0 if they are too many for one call. */
    long compressBound(long srcSize) {
        return call(() -> (long) handle(Downcall.COMPRESS_BOUND).invokeExact(srcSize));
    }

    /**
     * {@code h4_ctx_create()}: working memory for one thread at a time, until {@link #freeContext}.
     *
     * @throws EngineFailureException when the core cannot allocate it
     */
    MemorySegment createContext() {
        MemorySegment ctx = call(() -> (MemorySegment) handle(Downcall.CTX_CREATE).invokeExact());
        if (ctx.equals(MemorySegment.NULL)) {
            throw new EngineFailureException("core could not allocate a context");
        }
        return ctx;
    }

    /** {@code h4_ctx_free()}. */
    void freeContext(MemorySegment ctx) {
        call(() -> {
            handle(Downcall.CTX_FREE).invokeExact(ctx);
            return null;
        });
    }

    /**
     * {@code h4_compress()}: one frame of {@code src} into {@code dst}, all of which it may use.
     *
     * @return the bytes written, as the core reports them
     */
    long compress(MemorySegment ctx, byte[] dst, byte[] src, int level) {
        return result(Operation.COMPRESS, call(() -> (long) handle(Downcall.COMPRESS).invokeExact(ctx,
                MemorySegment.ofArray(dst), (long) dst.length, MemorySegment.ofArray(src), (long) src.length, level)));
    }

    /** {@code h4_decompressed_size()}: the content size the frame declares, untrusted. */
    long decompressedSize(byte[] frame) {
        return decompressedSize(MemorySegment.ofArray(frame));
    }

    /** {@link #decompressedSize(byte[])} of a frame in a segment: a slice of an array, or native memory. */
    long decompressedSize(MemorySegment frame) {
        return result(Operation.DECOMPRESS, call(() -> (long) handle(Downcall.DECOMPRESSED_SIZE).invokeExact(
                frame, frame.byteSize())));
    }

    /** {@code h4_decompress()}: the frame into {@code dst}, its content checksum verified; returns the size written. */
    long decompress(MemorySegment ctx, byte[] dst, byte[] frame) {
        return decode(Downcall.DECOMPRESS, ctx, dst, frame);
    }

    /** {@code h4_decompress_unchecked()}: as {@link #decompress}, the checksum's value ignored. */
    long decompressUnchecked(MemorySegment ctx, byte[] dst, byte[] frame) {
        return decode(Downcall.DECOMPRESS_UNCHECKED, ctx, dst, frame);
    }

    /**
     * {@code h4_decompress_unchecked()} from a segment into a segment: a slice of an array into native memory that
     * the caller sends on as it is (decoded blocks held for an answer), all of which the frame may use.
     */
    long decompressUnchecked(MemorySegment ctx, MemorySegment dst, MemorySegment frame) {
        return decode(Downcall.DECOMPRESS_UNCHECKED, ctx, dst, frame);
    }

    private long decode(Downcall decoder, MemorySegment ctx, byte[] dst, byte[] frame) {
        return decode(decoder, ctx, MemorySegment.ofArray(dst), MemorySegment.ofArray(frame));
    }

    private long decode(Downcall decoder, MemorySegment ctx, MemorySegment dst, MemorySegment frame) {
        long result = call(() -> (long) handle(decoder).invokeExact(ctx, dst, dst.byteSize(), frame,
                frame.byteSize()));
        return CoreError.of(result) == CoreError.DICTIONARY
                ? decoded(frame.toArray(JAVA_BYTE), OptionalLong.empty(), result)
                : result(Operation.DECOMPRESS, result);
    }

    /**
     * A decoder's result: as {@link #result}, and a frame that names another dictionary than the one given
     * ({@code givenDictId}, empty for none) is a {@link DictionaryMismatchException} naming both dictIDs.
     */
    private long decoded(byte[] frame, long givenDictId, long result) {
        return result >= 0 ? result : decoded(frame, OptionalLong.of(givenDictId), result);
    }

    private long decoded(byte[] frame, OptionalLong givenDictId, long result) {
        if (CoreError.of(result) == CoreError.DICTIONARY) {
            throw new DictionaryMismatchException(frameDictionaryId(frame), givenDictId);
        }
        return result(Operation.DECOMPRESS, result);
    }

    /**
     * {@code h4_dict_train()}: a zstd-format dictionary of at most {@code capacity} bytes made from the samples, the
     * same bytes for the same samples and capacity on every run.
     *
     * @throws DictionaryTrainingException when the samples cannot make one, or the capacity cannot hold one
     */
    byte[] trainDictionary(List<byte[]> samples, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("dictionary capacity " + capacity + " < 1");
        }
        long total = 0;
        for (byte[] sample : samples) {
            total += sample.length;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment joined = arena.allocate(Math.max(total, 1));
            MemorySegment sizes = arena.allocate(JAVA_LONG, Math.max(samples.size(), 1));
            long at = 0;
            for (int i = 0; i < samples.size(); i++) {
                byte[] sample = samples.get(i);
                MemorySegment.copy(sample, 0, joined, JAVA_BYTE, at, sample.length);
                sizes.setAtIndex(JAVA_LONG, i, sample.length);
                at += sample.length;
            }
            MemorySegment dst = arena.allocate(capacity);
            long count = samples.size();
            long written = result(Operation.TRAIN, call(() -> (long) handle(Downcall.DICT_TRAIN).invokeExact(dst,
                    (long) capacity, joined, sizes, count)));
            if (written == 0 || written > capacity) {
                throw new EngineFailureException("core reported a dictionary of " + written + " bytes for "
                        + capacity);
            }
            return dst.asSlice(0, written).toArray(JAVA_BYTE);
        }
    }

    /**
     * {@code h4_dict_create()}, or with {@code rawContent} {@code h4_dict_create_raw()}: the dictionary digested for
     * compression at {@code level} and for decompression, until {@link #freeDictionary}. As raw content, any bytes
     * are the history frames continue from, with no tables and no dictID.
     *
     * @throws InvalidDictionaryException for a zstd-format dictionary whose tables are damaged
     * @throws IllegalArgumentException for a level outside the core's range
     */
    MemorySegment createDictionary(byte[] dictionary, int level, boolean rawContent) {
        MethodHandle create = handle(rawContent ? Downcall.DICT_CREATE_RAW : Downcall.DICT_CREATE);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bytes = arena.allocate(Math.max(dictionary.length, 1));
            MemorySegment.copy(dictionary, 0, bytes, JAVA_BYTE, 0, dictionary.length);
            MemorySegment error = arena.allocate(JAVA_LONG);
            long size = dictionary.length;
            MemorySegment dict = call(() -> (MemorySegment) create.invokeExact(bytes, size, level, error));
            if (!dict.equals(MemorySegment.NULL)) {
                return dict;
            }
            long reported = error.get(JAVA_LONG, 0);
            // NULL without an error code would be a broken core: a failure of the engine, not of the bytes
            long code = reported < 0 ? reported : CoreError.GENERIC.code;
            if (CoreError.of(code) == CoreError.BAD_LEVEL) {
                throw new IllegalArgumentException("level " + level + " is outside the core's range ("
                        + errorName(code) + ")");
            }
            throw failure(Operation.DIGEST, code, errorName(code));
        }
    }

    /** {@code h4_dict_free()}: no call may be using it. */
    void freeDictionary(MemorySegment dict) {
        call(() -> {
            handle(Downcall.DICT_FREE).invokeExact(dict);
            return null;
        });
    }

    /** {@code h4_dict_id()}: the dictID the dictionary's header names, 0..2^32-1; 0 for raw content. */
    long dictionaryId(MemorySegment dict) {
        return Integer.toUnsignedLong(call(() -> (int) handle(Downcall.DICT_ID).invokeExact(dict)));
    }

    /** {@code h4_compress_dict()}: as {@link #compress}, with the dictionary at the level it was digested for. */
    long compressWithDictionary(MemorySegment ctx, MemorySegment dict, byte[] dst, byte[] src) {
        return result(Operation.COMPRESS, messageCall(Downcall.COMPRESS_DICT, ctx, dict, dst, src));
    }

    /**
     * {@code h4_compress_dict_verified()}: {@link #compressWithDictionary}, the frame decoded again by the core and
     * compared with {@code src} in the same call; a frame that does not decode to it fails
     * ({@code H4_E_ROUNDTRIP}: an {@link EngineFailureException}).
     */
    long compressWithDictionaryVerified(MemorySegment ctx, MemorySegment dict, byte[] dst, byte[] src) {
        return result(Operation.COMPRESS, messageCall(Downcall.COMPRESS_DICT_VERIFIED, ctx, dict, dst, src));
    }

    /**
     * {@code h4_decompress_dict()}: as {@link #decompress}, with the dictionary.
     *
     * @throws DictionaryMismatchException when the frame names another dictionary
     */
    long decompressWithDictionary(MemorySegment ctx, MemorySegment dict, long dictId, byte[] dst, byte[] frame) {
        return decoded(frame, dictId, messageCall(Downcall.DECOMPRESS_DICT, ctx, dict, dst, frame));
    }

    /**
     * {@code h4_decompress_dict_unchecked()}: as {@link #decompressWithDictionary}, the checksum's value ignored (its
     * presence still required), for a caller that checks the content itself.
     *
     * @throws DictionaryMismatchException when the frame names another dictionary
     */
    long decompressWithDictionaryUnchecked(MemorySegment ctx, MemorySegment dict, long dictId, byte[] dst,
            byte[] frame) {
        return decoded(frame, dictId, messageCall(Downcall.DECOMPRESS_DICT_UNCHECKED, ctx, dict, dst, frame));
    }

    /**
     * One of the four dictionary calls of {@link MessageCall}, {@code src} and {@code dst} in place.
     *
     * @param downcall {@link Downcall#COMPRESS_DICT}, {@code _VERIFIED}, {@link Downcall#DECOMPRESS_DICT} or
     *     {@code _UNCHECKED}
     */
    private long messageCall(Downcall downcall, MemorySegment ctx, MemorySegment dict, byte[] dst, byte[] src) {
        try {
            return (long) MessageCall.HANDLE.invokeExact(addresses[downcall.ordinal()], ctx, dict,
                    MemorySegment.ofArray(dst), (long) dst.length, MemorySegment.ofArray(src), (long) src.length);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new EngineFailureException("native call failed: " + t);
        }
    }

    /** h4_frame_info_t: a uint64 content size, then a uint32 dictID and uint32 flags. */
    private static final int FRAME_INFO_LONGS = 2;
    private static final int FRAME_CONTENT_SIZE = 1;
    private static final int FRAME_CHECKSUM = 2;

    /**
     * {@code h4_frame_info()}: what the frame's header declares, read without decoding.
     *
     * @throws CorruptInputException when the bytes do not start with a whole frame header
     */
    FrameHeader frameHeader(byte[] frame) {
        long[] info = new long[FRAME_INFO_LONGS];
        MemorySegment out = MemorySegment.ofArray(info);
        result(Operation.DECOMPRESS, call(() -> (long) handle(Downcall.FRAME_INFO).invokeExact(
                MemorySegment.ofArray(frame), (long) frame.length, out)));
        long size = info[0];
        int flags = out.get(JAVA_INT, Long.BYTES + Integer.BYTES);
        OptionalLong contentSize = (flags & FRAME_CONTENT_SIZE) == 0 ? OptionalLong.empty()
                : OptionalLong.of(size < 0 ? Long.MAX_VALUE : size);
        return new FrameHeader(contentSize, Integer.toUnsignedLong(out.get(JAVA_INT, Long.BYTES)),
                (flags & FRAME_CHECKSUM) != 0);
    }

    /**
     * {@code h4_cstream_create()}: a compressing stream, seeded with {@code dict} (a digest at {@code level}) unless
     * it is {@link MemorySegment#NULL}, until {@link #freeCompressingStream}.
     *
     * @throws IllegalArgumentException for a level or window log the core refuses
     */
    MemorySegment createCompressingStream(int level, MemorySegment dict, int windowLog) {
        return createStream(error -> (MemorySegment) handle(Downcall.CSTREAM_CREATE).invokeExact(level, dict,
                windowLog, error), "level " + level + " or window log " + windowLog);
    }

    /** {@code h4_dstream_create()}: a decompressing stream, with {@code dict} unless NULL, until freed. */
    MemorySegment createDecompressingStream(MemorySegment dict, int windowLogMax) {
        return createStream(error -> (MemorySegment) handle(Downcall.DSTREAM_CREATE).invokeExact(dict, windowLogMax,
                error), "window log " + windowLogMax);
    }

    @FunctionalInterface
    private interface StreamFactory {
        MemorySegment create(MemorySegment error) throws Throwable;
    }

    private MemorySegment createStream(StreamFactory factory, String settings) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment error = arena.allocate(JAVA_LONG);
            MemorySegment stream = call(() -> factory.create(error));
            if (!stream.equals(MemorySegment.NULL)) {
                return stream;
            }
            long reported = error.get(JAVA_LONG, 0);
            long code = reported < 0 ? reported : CoreError.GENERIC.code;
            CoreError known = CoreError.of(code);
            if (known == CoreError.BAD_LEVEL || known == CoreError.WINDOW_TOO_LARGE) {
                throw new IllegalArgumentException("the core refuses the stream's " + settings + " ("
                        + errorName(code) + ")");
            }
            throw new EngineFailureException("core could not create a stream: " + errorName(code));
        }
    }

    /** {@code h4_cstream_free()}. */
    void freeCompressingStream(MemorySegment stream) {
        free(Downcall.CSTREAM_FREE, stream);
    }

    /** {@code h4_dstream_free()}. */
    void freeDecompressingStream(MemorySegment stream) {
        free(Downcall.DSTREAM_FREE, stream);
    }

    private void free(Downcall downcall, MemorySegment pointer) {
        call(() -> {
            handle(downcall).invokeExact(pointer);
            return null;
        });
    }

    /** {@code h4_cstream_bound()}: the most bytes one message of {@code size} gives; 0 when too large. */
    long streamBound(long size) {
        return call(() -> (long) handle(Downcall.CSTREAM_BOUND).invokeExact(size));
    }

    /** {@code h4_cstream_compress()}: the stream's next message into {@code dst}; returns the bytes written. */
    long streamCompress(MemorySegment stream, byte[] dst, byte[] message) {
        return result(Operation.COMPRESS, call(() -> (long) handle(Downcall.CSTREAM_COMPRESS).invokeExact(stream,
                MemorySegment.ofArray(dst), (long) dst.length, MemorySegment.ofArray(message),
                (long) message.length)));
    }

    /** {@code h4_cstream_finish()}: the end of the stream's frame into {@code dst}; returns the bytes written. */
    long streamFinish(MemorySegment stream, byte[] dst) {
        return result(Operation.COMPRESS, call(() -> (long) handle(Downcall.CSTREAM_FINISH).invokeExact(stream,
                MemorySegment.ofArray(dst), (long) dst.length)));
    }

    /**
     * {@code h4_dstream_decompress()}: one message's bytes into {@code dst}, at most {@code limit} bytes of it.
     *
     * @return the bytes written, or the core's negative error code, which only the stream can explain
     */
    long streamDecompress(MemorySegment stream, byte[] dst, int limit, byte[] bytes) {
        return call(() -> (long) handle(Downcall.DSTREAM_DECOMPRESS).invokeExact(stream, MemorySegment.ofArray(dst),
                (long) limit, MemorySegment.ofArray(bytes), (long) bytes.length));
    }

    /** {@code h4_dstream_ended()}. */
    boolean streamEnded(MemorySegment stream) {
        return call(() -> (int) handle(Downcall.DSTREAM_ENDED).invokeExact(stream)) != 0;
    }

    /** {@code h4_cstream_memory()}: the native bytes a compressing stream holds now. */
    long compressingStreamMemory(MemorySegment stream) {
        return call(() -> (long) handle(Downcall.CSTREAM_MEMORY).invokeExact(stream));
    }

    /** {@code h4_dstream_memory()}: the native bytes a decompressing stream holds now. */
    long decompressingStreamMemory(MemorySegment stream) {
        return call(() -> (long) handle(Downcall.DSTREAM_MEMORY).invokeExact(stream));
    }

    /**
     * {@code h4_frame_dict_id()}: the dictID the frame's header names (0: none), read without decoding.
     *
     * @throws CorruptInputException when the bytes do not start with a whole frame header
     */
    long frameDictionaryId(byte[] frame) {
        return result(Operation.DECOMPRESS, call(() -> (long) handle(Downcall.FRAME_DICT_ID).invokeExact(
                MemorySegment.ofArray(frame), (long) frame.length)));
    }

    /**
     * {@code h4_decompress_begin()}: starts decoding the frame in {@code src} on {@code ctx}.
     *
     * @return the content size the frame declares
     */
    long decompressBegin(MemorySegment ctx, MemorySegment src, boolean verifyChecksum) {
        int verify = verifyChecksum ? 1 : 0;
        return result(Operation.DECOMPRESS, call(() -> (long) handle(Downcall.DECOMPRESS_BEGIN).invokeExact(ctx, src,
                src.byteSize(), verify)));
    }

    /**
     * {@code h4_decompress_step()}: at least {@code minOutput} more bytes of the begun frame into {@code dst}, the same
     * native buffer and {@code src} on every step.
     *
     * @return how many bytes from the start of {@code dst} hold their final content
     */
    long decompressStep(MemorySegment ctx, MemorySegment dst, MemorySegment src, long minOutput) {
        return result(Operation.DECOMPRESS, call(() -> (long) handle(Downcall.DECOMPRESS_STEP).invokeExact(ctx, dst,
                dst.byteSize(), src, src.byteSize(), minOutput)));
    }

    /**
     * {@code h4_filter_apply()}: {@code src} through the chain ({@code chain[2k]} the id of filter k,
     * {@code chain[2k + 1]} its element size) into {@code dst}, another array of the same length.
     *
     * @return the bytes written, as the core reports them
     * @throws IllegalArgumentException for a chain the core does not define ({@code H4_E_BAD_FILTER}) or other arrays
     */
    long filterApply(int[] chain, byte[] dst, byte[] src) {
        return filter(Downcall.FILTER_APPLY, chain, dst, src);
    }

    /** {@code h4_filter_undo()}: restores into {@code dst} what {@link #filterApply} was given. Same contract. */
    long filterUndo(int[] chain, byte[] dst, byte[] src) {
        return filter(Downcall.FILTER_UNDO, chain, dst, src);
    }

    private long filter(Downcall downcall, int[] chain, byte[] dst, byte[] src) {
        if (chain.length % 2 != 0) {
            throw new IllegalArgumentException("a chain is pairs of filter id and element size: " + chain.length
                    + " numbers");
        }
        if (src.length != dst.length || src == dst) {
            throw new IllegalArgumentException("a filter writes another array of the same length: "
                    + src.length + " bytes into " + (src == dst ? "the same array" : dst.length + " bytes"));
        }
        long written = call(() -> (long) handle(downcall).invokeExact(MemorySegment.ofArray(chain),
                (long) (chain.length / 2), MemorySegment.ofArray(dst), MemorySegment.ofArray(src),
                (long) src.length));
        if (written >= 0) {
            return written;
        }
        String name = errorName(written);
        if (CoreError.of(written) == CoreError.BAD_FILTER) {
            throw new IllegalArgumentException("the core does not define the chain " + chainText(chain) + " ("
                    + name + ")");
        }
        throw new EngineFailureException("core filters " + chainText(chain) + " failed: " + name);
    }

    /** {@code 1:4,3:1}: ids and element sizes, for messages. */
    private static String chainText(int[] chain) {
        StringBuilder text = new StringBuilder();
        for (int k = 0; k + 1 < chain.length; k += 2) {
            text.append(k == 0 ? "" : ",").append(chain[k]).append(':').append(chain[k + 1]);
        }
        return text.isEmpty() ? "of no filters" : text.toString();
    }

    /** {@code h4_error_name()}: the header's name of a result code, for messages only. */
    String errorName(long code) {
        return call(() -> ((MemorySegment) handle(Downcall.ERROR_NAME).invokeExact(code)).reinterpret(64)
                .getString(0));
    }

    /** A result of the core: the value when it is one, else the typed exception its error code means. */
    private long result(Operation operation, long result) {
        if (result >= 0) {
            return result;
        }
        throw failure(operation, result, errorName(result));
    }

    /** What an error code means to a caller, by {@link CoreError}; {@code name} only goes into the message. */
    static CompressionException failure(Operation operation, long code, String name) {
        return switch (CoreError.of(code)) {
            case CORRUPT -> operation == Operation.DIGEST
                    ? new InvalidDictionaryException("the dictionary's zstd tables are damaged (" + name + ")")
                    : new CorruptInputException("not a valid, complete core frame (" + name + ")", 0);
            case CHECKSUM -> new CorruptInputException("content checksum mismatch (" + name + ")", 0);
            case SIZE_UNKNOWN -> new CorruptInputException("frame does not declare its size (" + name + ")", 0);
            case SRC_TOO_LARGE -> switch (operation) {
                case DECOMPRESS -> new CorruptInputException("frame declares an impossible size (" + name + ")", 0);
                case TRAIN -> new DictionaryTrainingException("too many samples or sample bytes to train on (" + name
                        + ")");
                default -> new CompressionException("input too large for the core (" + name + ")");
            };
            // only the decoders give it; they name the dictIDs (decoded), other decodes (a container's) are corrupt
            case DICTIONARY -> new CorruptInputException("the frame needs a dictionary (" + name + ")", 0);
            case TRAINING -> new DictionaryTrainingException("the samples cannot make a dictionary: too few, too small"
                    + " or too alike (" + name + ")");
            case DST_TOO_SMALL -> operation == Operation.TRAIN
                    ? new DictionaryTrainingException("the dictionary size asked for cannot hold a dictionary ("
                            + name + ")")
                    : new EngineFailureException("core " + operation.text + " failed: " + name);
            // the core's own failures, and a code this build does not know (a newer core's, or garbage)
            case null, default -> new EngineFailureException("core " + operation.text + " failed: " + name);
        };
    }

    private MethodHandle handle(Downcall downcall) {
        return handles[downcall.ordinal()];
    }

    /**
     * Runs one FFM step. A runtime without FFM support (a native image built without it, or one whose metadata
     * lacks a downcall) fails here with a reason, so that {@code auto} mode falls back instead of crashing.
     */
    static <T> T foreign(String step, Supplier<T> call) {
        try {
            return call.get();
        } catch (UnsupportedOperationException | LinkageError e) {
            throw new CoreUnavailableException("this runtime cannot " + step + " through FFM ("
                    + e.getClass().getSimpleName() + ")", e);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Error e) { // GraalVM reports unsupported features as Errors of its own
            throw new CoreUnavailableException("this runtime cannot " + step + " through FFM ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    @FunctionalInterface
    private interface NativeCall<T> {
        T call() throws Throwable;
    }

    /** One downcall: what the handle throws beyond runtime exceptions and errors (nothing, for these) is a failure. */
    private static <T> T call(NativeCall<T> c) {
        try {
            return c.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new EngineFailureException("native call failed: " + t);
        }
    }
}
