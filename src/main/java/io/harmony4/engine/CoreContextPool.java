package io.harmony4.engine;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The {@code h4_ctx} working memories of one loaded core, shared by its engines at every level: one per concurrent
 * caller, up to a few idle ones kept for the next call, all freed by {@link #close()}.
 *
 * <p>The idle ones wait in slots: taking one is one atomic swap and giving it back one compare-and-set, where a
 * concurrent deque and a counter took six atomic operations and a node per call (55 ns of a 440 ns small message).
 */
final class CoreContextPool {
    /** The largest stepped-decode buffer an idle context keeps: a few default blocks; larger ones go to the GC. */
    private static final long MAX_IDLE_STEP_OUTPUT = 4L << 20;
    /** The largest heap array an idle context keeps for a frame or its check: a default block's bound, with room. */
    private static final int MAX_IDLE_SCRATCH = 2 << 20;
    private static final byte[] NO_SCRATCH = new byte[0];

    /**
     * One native h4_ctx, and the native buffer its stepped decodes write into: zstd refers back to earlier output
     * between steps, so it cannot be a Java array, which the GC may move. Grown on demand, freed by the GC.
     */
    static final class Context {
        final MemorySegment handle;
        private MemorySegment stepOutput = MemorySegment.NULL;
        private byte[] frameOutput = NO_SCRATCH;
        private byte[] checkOutput = NO_SCRATCH;

        private Context(MemorySegment handle) {
            this.handle = handle;
        }

        MemorySegment stepOutput(long size) {
            if (stepOutput.byteSize() < size) {
                stepOutput = Arena.ofAuto().allocate(Math.max(size, 1));
            }
            return stepOutput;
        }

        /**
         * A heap array of at least {@code size} bytes for the core to compress into, whose frame the caller copies
         * out: kept with the context, so that a block's compression neither zeroes nor leaves to the GC an array of
         * its bound (1 MiB per block). Holds whatever the last call left.
         */
        byte[] frameOutput(int size) {
            if (frameOutput.length < size) {
                frameOutput = new byte[size];
            }
            return frameOutput;
        }

        /** As {@link #frameOutput}, a second array: where a frame just made is decoded again to be compared. */
        byte[] checkOutput(int size) {
            if (checkOutput.length < size) {
                checkOutput = new byte[size];
            }
            return checkOutput;
        }

        /** An idle context keeps buffers of the usual block size, not the largest it ever used. */
        private void trim() {
            if (stepOutput.byteSize() > MAX_IDLE_STEP_OUTPUT) {
                stepOutput = MemorySegment.NULL;
            }
            if (frameOutput.length > MAX_IDLE_SCRATCH) {
                frameOutput = NO_SCRATCH;
            }
            if (checkOutput.length > MAX_IDLE_SCRATCH) {
                checkOutput = NO_SCRATCH;
            }
        }
    }

    private final CoreLibrary lib;
    /** Idle contexts; null: an empty slot. */
    private final AtomicReferenceArray<Context> idle;
    private volatile boolean closed;

    CoreContextPool(CoreLibrary lib) {
        this(lib, Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
    }

    /** A pool that keeps at most {@code maxIdle} idle contexts. */
    CoreContextPool(CoreLibrary lib, int maxIdle) {
        if (maxIdle < 1) {
            throw new IllegalArgumentException("maxIdle " + maxIdle + " < 1");
        }
        this.lib = lib;
        this.idle = new AtomicReferenceArray<>(maxIdle);
    }

    /** An idle context, or a new one. Give it back with {@link #release}. */
    Context acquire() {
        ensureOpen();
        for (int i = 0; i < idle.length(); i++) {
            // read before the swap: an empty slot costs no atomic write
            if (idle.getOpaque(i) != null) {
                Context ctx = idle.getAndSet(i, null);
                if (ctx != null) {
                    return ctx;
                }
            }
        }
        return new Context(lib.createContext());
    }

    /** Keeps {@code ctx} for the next call if a slot is free and the pool open, else frees it. */
    void release(Context ctx) {
        ctx.trim();
        if (!closed) {
            for (int i = 0; i < idle.length(); i++) {
                if (idle.getOpaque(i) == null && idle.compareAndSet(i, null, ctx)) {
                    // closed meanwhile: close() may have swept this slot already, so take it back unless it did
                    if (closed && idle.compareAndSet(i, ctx, null)) {
                        lib.freeContext(ctx.handle);
                    }
                    return;
                }
            }
        }
        lib.freeContext(ctx.handle);
    }

    /** The library may still be called: it is unloaded once the pool is closed. */
    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("engine is closed");
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** Frees the idle contexts, before the library is unloaded: calls still running must have returned. */
    void close() {
        closed = true;
        for (int i = 0; i < idle.length(); i++) {
            Context ctx = idle.getAndSet(i, null);
            if (ctx != null) {
                lib.freeContext(ctx.handle);
            }
        }
    }
}
