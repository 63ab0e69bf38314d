package io.harmony4.engine;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code h4_ctx} working memories of one loaded core, shared by its engines at every level: one per concurrent
 * caller, up to a few idle ones kept for the next call, all freed by {@link #close()}.
 */
final class CoreContextPool {
    /** The largest stepped-decode buffer an idle context keeps: a few default blocks; larger ones go to the GC. */
    private static final long MAX_IDLE_STEP_OUTPUT = 4L << 20;

    /**
     * One native h4_ctx, and the native buffer its stepped decodes write into: zstd refers back to earlier output
     * between steps, so it cannot be a Java array, which the GC may move. Grown on demand, freed by the GC.
     */
    static final class Context {
        final MemorySegment handle;
        private MemorySegment stepOutput = MemorySegment.NULL;

        private Context(MemorySegment handle) {
            this.handle = handle;
        }

        MemorySegment stepOutput(long size) {
            if (stepOutput.byteSize() < size) {
                stepOutput = Arena.ofAuto().allocate(Math.max(size, 1));
            }
            return stepOutput;
        }

        /** An idle context keeps a buffer of the usual block size, not the largest it ever decoded. */
        private void trim() {
            if (stepOutput.byteSize() > MAX_IDLE_STEP_OUTPUT) {
                stepOutput = MemorySegment.NULL;
            }
        }
    }

    private final CoreLibrary lib;
    private final ConcurrentLinkedDeque<Context> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final int maxIdle = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    private volatile boolean closed;

    CoreContextPool(CoreLibrary lib) {
        this.lib = lib;
    }

    /** An idle context, or a new one. Give it back with {@link #release}. */
    Context acquire() {
        ensureOpen();
        Context ctx = idle.pollFirst();
        if (ctx != null) {
            idleCount.decrementAndGet();
            return ctx;
        }
        return new Context(lib.createContext());
    }

    void release(Context ctx) {
        ctx.trim();
        if (!closed && idleCount.incrementAndGet() <= maxIdle) {
            idle.offerFirst(ctx);
            return;
        }
        if (!closed) {
            idleCount.decrementAndGet();
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
        for (Context ctx; (ctx = idle.pollFirst()) != null; ) {
            lib.freeContext(ctx.handle);
        }
    }
}
