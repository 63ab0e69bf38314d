package io.harmony4.engine;

import static io.harmony4.engine.CoreLibrary.Downcall.COMPRESS;
import static io.harmony4.engine.CoreLibrary.Downcall.COMPRESS_BOUND;
import static io.harmony4.engine.CoreLibrary.Downcall.CTX_CREATE;
import static io.harmony4.engine.CoreLibrary.Downcall.CTX_FREE;
import static io.harmony4.engine.CoreLibrary.Downcall.DECOMPRESS;
import static io.harmony4.engine.CoreLibrary.Downcall.DECOMPRESSED_SIZE;
import static io.harmony4.engine.CoreLibrary.Downcall.DECOMPRESS_BEGIN;
import static io.harmony4.engine.CoreLibrary.Downcall.DECOMPRESS_STEP;
import static io.harmony4.engine.CoreLibrary.Downcall.DECOMPRESS_UNCHECKED;
import static io.harmony4.engine.CoreLibrary.Downcall.ERROR_NAME;
import static io.harmony4.engine.CoreLibrary.Downcall.FILTER_APPLY;
import static io.harmony4.engine.CoreLibrary.Downcall.FILTER_UNDO;
import static io.harmony4.engine.CoreLibrary.Downcall.INFO;
import static io.harmony4.engine.CoreLibrary.Downcall.MAX_LEVEL;
import static io.harmony4.engine.CoreLibrary.Downcall.MIN_LEVEL;

import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The production engine: {@code libh4core} (libzstd inside) called through the FFM API.
 * Byte format: one zstd frame with content size and content checksum ({@code docs/core-engine.md}).
 *
 * <p>Java arrays reach the core in place, as heap segments passed to critical downcalls: no copies.
 * Native working memory lives in {@code h4_ctx} contexts kept in a small pool, one per concurrent caller,
 * freed by {@link #close()}. Every size the core returns is checked before it is trusted.
 *
 * <p>{@link #decompress} checks the frame's content checksum twice: libzstd while decoding and Java afterwards.
 * {@link #decompressUnchecked} checks neither, for callers with a digest of their own, in one call or in steps.
 */
public final class CoreEngine implements CompressionEngine, UncheckedDecompression, SteppedDecompression,
        CompressedSizeEstimate, NativeFilters, AutoCloseable {
    public static final String ID = "h4-core";
    public static final int DEFAULT_LEVEL = 3;

    /**
     * zstd's format cannot expand more than this: a block holds at most 128 KiB and takes at least 4 bytes
     * (3-byte header, 1 RLE byte). A frame that declares more is forged, whatever it says.
     */
    static final long MAX_EXPANSION = 128 * 1024 / 4;
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** The largest stepped-decode buffer an idle context keeps: a few default blocks; larger ones go to the GC. */
    private static final long MAX_IDLE_STEP_OUTPUT = 4L << 20;
    /** zstd's content checksum function (seed 0). */
    private static final Hasher64 XXH64 = Hashing.xxh64();

    /** What engines at different levels of one loaded library share: the library and the context pool. */
    private static final class Shared {
        final Arena arena;
        final CoreLibrary lib;
        /** Idle contexts. */
        final ConcurrentLinkedDeque<Context> idleContexts = new ConcurrentLinkedDeque<>();
        final AtomicInteger idleCount = new AtomicInteger();
        final int maxIdleContexts = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        /** Whether every frame is decoded again, in this process, and compared with its input before it is returned. */
        final boolean verifyCompression;
        volatile boolean closed;

        Shared(Arena arena, CoreLibrary lib, boolean verifyCompression) {
            this.arena = arena;
            this.lib = lib;
            this.verifyCompression = verifyCompression;
        }
    }

    /**
     * One native h4_ctx, and the native buffer its stepped decodes write into: zstd refers back to earlier output
     * between steps, so it cannot be a Java array, which the GC may move. Grown on demand, freed by the GC.
     */
    private static final class Context {
        final MemorySegment handle;
        private MemorySegment stepOutput = MemorySegment.NULL;

        Context(MemorySegment handle) {
            this.handle = handle;
        }

        MemorySegment stepOutput(long size) {
            if (stepOutput.byteSize() < size) {
                stepOutput = Arena.ofAuto().allocate(Math.max(size, 1));
            }
            return stepOutput;
        }

        /** An idle context keeps a buffer of the usual block size, not the largest it ever decoded. */
        void trim() {
            if (stepOutput.byteSize() > MAX_IDLE_STEP_OUTPUT) {
                stepOutput = MemorySegment.NULL;
            }
        }
    }

    private final Shared shared;
    private final CoreLibrary lib;
    private final int level;
    private final EngineInfo info;
    private final boolean owner;

    private CoreEngine(Shared shared, int level, boolean owner) {
        this.shared = shared;
        this.lib = shared.lib;
        this.owner = owner;
        int min;
        int max;
        String json;
        try {
            min = (int) lib.handle(MIN_LEVEL).invokeExact();
            max = (int) lib.handle(MAX_LEVEL).invokeExact();
            json = ((MemorySegment) lib.handle(INFO).invokeExact()).reinterpret(4096).getString(0);
        } catch (Throwable t) {
            throw new CoreUnavailableException("the core failed to describe itself", t);
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
                core.codec() + " " + core.codecVersion(), level);
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
            return new CoreEngine(new Shared(arena, CoreLibrary.load(library, arena), verifyCompression), level, true);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
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
        byte[] frame = frame(input);
        if (shared.verifyCompression) {
            verifyRoundTrip(input, frame);
        }
        return frame;
    }

    /** The size of the frame {@link #compress} would make, without its round-trip check: nothing is kept of it. */
    @Override
    public int compressedSize(byte[] input) {
        return frame(input).length;
    }

    /** One frame of {@code input}, every size the core reports checked. */
    private byte[] frame(byte[] input) {
        Objects.requireNonNull(input, "input");
        long bound = call(() -> (long) lib.handle(COMPRESS_BOUND).invokeExact((long) input.length));
        if (bound <= 0 || bound > MAX_ARRAY) {
            throw new CompressionException("input of " + input.length + " bytes is too large for one core call");
        }
        Context ctx = acquire();
        try {
            byte[] out = new byte[(int) bound];
            long written = call(() -> (long) lib.handle(COMPRESS).invokeExact(ctx.handle, MemorySegment.ofArray(out),
                    bound, MemorySegment.ofArray(input), (long) input.length, level));
            if (written < 0) {
                throw failure("compress", written);
            }
            if (written == 0 || written > bound) {
                throw new EngineFailureException("core reported " + written + " compressed bytes for a buffer of "
                        + bound);
            }
            return Arrays.copyOf(out, (int) written);
        } finally {
            release(ctx);
        }
    }

    /**
     * The frame must decode, here and now, to exactly the input it was made from. Compared byte for byte, which is
     * stronger than any checksum, so the decode skips the checksum (unchecked).
     */
    private void verifyRoundTrip(byte[] input, byte[] frame) {
        byte[] decoded;
        try {
            decoded = decompress(frame, false);
        } catch (CorruptInputException e) {
            throw new EngineFailureException("core made a frame that does not decode: " + e.getMessage());
        }
        if (!Arrays.equals(decoded, input)) {
            throw new EngineFailureException("core made a frame that decodes to other bytes than its input");
        }
    }

    @Override
    public byte[] decompress(byte[] compressed) {
        return decompress(compressed, true);
    }

    @Override
    public byte[] decompressUnchecked(byte[] compressed) {
        return decompress(compressed, false);
    }

    /**
     * One frame into a new array of its declared size.
     *
     * @param checked verify the frame's content checksum: libzstd ({@code h4_decompress}) and again here in Java;
     *     otherwise neither ({@code h4_decompress_unchecked}), and the caller answers for the content
     */
    private byte[] decompress(byte[] compressed, boolean checked) {
        Objects.requireNonNull(compressed, "compressed");
        long declared = call(() -> (long) lib.handle(DECOMPRESSED_SIZE).invokeExact(
                MemorySegment.ofArray(compressed), (long) compressed.length));
        if (declared < 0) {
            throw failure("decompress", declared);
        }
        // Checked before allocating: the frame cannot honestly hold more than this.
        if (declared > MAX_EXPANSION * compressed.length || declared > MAX_ARRAY) {
            throw new CorruptInputException("frame declares " + declared + " bytes, more than "
                    + compressed.length + " compressed bytes can hold", 0);
        }
        MethodHandle decoder = lib.handle(checked ? DECOMPRESS : DECOMPRESS_UNCHECKED);
        Context ctx = acquire();
        try {
            byte[] out = new byte[(int) declared];
            long written = call(() -> (long) decoder.invokeExact(ctx.handle, MemorySegment.ofArray(out),
                    declared, MemorySegment.ofArray(compressed), (long) compressed.length));
            if (written < 0) {
                throw failure("decompress", written);
            }
            if (written != declared) {
                throw new EngineFailureException("core wrote " + written + " bytes for a frame declaring " + declared);
            }
            // libzstd checked the frame's content checksum (its last 4 bytes: XXH64, low 32 bits). Checking it
            // again here, in Java, catches a core that returns other bytes than the ones it checked.
            if (checked && (compressed.length < 4
                    || (int) XXH64.hashBytesToLong(out) != le32(compressed, compressed.length - 4))) {
                throw new EngineFailureException("core returned bytes that do not match the frame's checksum");
            }
            return out;
        } finally {
            release(ctx);
        }
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
        long srcSize = length;
        Context ctx = acquire();
        try {
            long declared = call(() -> (long) lib.handle(DECOMPRESS_BEGIN).invokeExact(ctx.handle, src, srcSize, 0));
            if (declared < 0) {
                throw failure("decompress", declared);
            }
            if (declared != out.length) {
                throw new CorruptInputException("frame declares " + declared + " bytes, " + out.length
                        + " were expected", 0);
            }
            MemorySegment dst = ctx.stepOutput(declared);
            long capacity = dst.byteSize();
            long done = 0;
            do {
                long before = done;
                done = call(() -> (long) lib.handle(DECOMPRESS_STEP).invokeExact(ctx.handle, dst, capacity, src,
                        srcSize, (long) stepBytes));
                if (done < 0) {
                    throw failure("decompress", done);
                }
                if (done > declared || (done <= before && declared > 0)) {
                    throw new EngineFailureException("core reported " + done + " bytes decoded after " + before
                            + ", for a frame declaring " + declared);
                }
                MemorySegment.copy(dst, ValueLayout.JAVA_BYTE, before, out, (int) before, (int) (done - before));
                decodedUpTo.accept((int) done);
            } while (done < declared);
        } finally {
            release(ctx);
        }
    }

    @Override
    public void applyFilters(int[] chain, byte[] src, byte[] dst) {
        filter(FILTER_APPLY, chain, src, dst);
    }

    @Override
    public void undoFilters(int[] chain, byte[] src, byte[] dst) {
        filter(FILTER_UNDO, chain, src, dst);
    }

    /** Needs no context: the filters keep no state, and allocate what working memory they need themselves. */
    private void filter(CoreLibrary.Downcall downcall, int[] chain, byte[] src, byte[] dst) {
        if (chain.length % 2 != 0) {
            throw new IllegalArgumentException("a chain is pairs of filter id and element size: " + chain.length
                    + " numbers");
        }
        if (src.length != dst.length || src == dst) {
            throw new IllegalArgumentException("a filter writes another array of the same length: "
                    + src.length + " bytes into " + (src == dst ? "the same array" : dst.length + " bytes"));
        }
        if (shared.closed) {
            throw new IllegalStateException("engine is closed");
        }
        long written = call(() -> (long) lib.handle(downcall).invokeExact(MemorySegment.ofArray(chain),
                (long) (chain.length / 2), MemorySegment.ofArray(dst), MemorySegment.ofArray(src),
                (long) src.length));
        if (written == src.length) {
            return;
        }
        if (written >= 0) {
            throw new EngineFailureException("core reported " + written + " filtered bytes for " + src.length);
        }
        String name = errorName(written);
        if (name.equals("H4_E_BAD_FILTER")) {
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

    private static int le32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    private CompressionException failure(String op, long code) {
        String name = errorName(code);
        return switch (name) {
            case "H4_E_CORRUPT" -> new CorruptInputException("not a valid, complete core frame (" + name + ")", 0);
            case "H4_E_CHECKSUM" -> new CorruptInputException("content checksum mismatch (" + name + ")", 0);
            case "H4_E_SIZE_UNKNOWN" -> new CorruptInputException("frame does not declare its size (" + name + ")", 0);
            case "H4_E_SRC_TOO_LARGE" -> op.equals("decompress")
                    ? new CorruptInputException("frame declares an impossible size (" + name + ")", 0)
                    : new CompressionException("input too large for the core (" + name + ")");
            default -> new EngineFailureException("core " + op + " failed: " + name);
        };
    }

    private String errorName(long code) {
        return call(() -> ((MemorySegment) lib.handle(ERROR_NAME).invokeExact(code)).reinterpret(64).getString(0));
    }

    private Context acquire() {
        if (shared.closed) {
            throw new IllegalStateException("engine is closed");
        }
        Context ctx = shared.idleContexts.pollFirst();
        if (ctx != null) {
            shared.idleCount.decrementAndGet();
            return ctx;
        }
        MemorySegment handle = call(() -> (MemorySegment) lib.handle(CTX_CREATE).invokeExact());
        if (handle.equals(MemorySegment.NULL)) {
            throw new EngineFailureException("core could not allocate a context");
        }
        return new Context(handle);
    }

    private void release(Context ctx) {
        ctx.trim();
        if (!shared.closed && shared.idleCount.incrementAndGet() <= shared.maxIdleContexts) {
            shared.idleContexts.offerFirst(ctx);
            return;
        }
        if (!shared.closed) {
            shared.idleCount.decrementAndGet();
        }
        free(ctx);
    }

    private void free(Context ctx) {
        call(() -> {
            lib.handle(CTX_FREE).invokeExact(ctx.handle);
            return null;
        });
    }

    /**
     * Frees the pooled contexts and unloads the library, for the engine {@link #load} returned; a no-op for engines
     * from {@link #atLevel}. Calls that are still running must have returned.
     */
    @Override
    public void close() {
        if (!owner || shared.closed) {
            return;
        }
        shared.closed = true;
        for (Context ctx; (ctx = shared.idleContexts.pollFirst()) != null; ) {
            free(ctx);
        }
        shared.arena.close();
    }

    @Override
    public EngineInfo info() {
        return info;
    }

    @FunctionalInterface
    private interface NativeCall<T> {
        T call() throws Throwable;
    }

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
