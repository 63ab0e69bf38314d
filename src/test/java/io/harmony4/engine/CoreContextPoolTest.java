package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pool of core contexts: a context is never handed to two callers at once, an idle one is reused, at most
 * {@code maxIdle} are kept, and once closed it hands out none and keeps none.
 */
class CoreContextPoolTest {
    private static final int MAX_IDLE = 4;
    private Arena arena;
    private CoreContextPool pool;

    @BeforeEach
    void load() {
        arena = Arena.ofShared();
        pool = new CoreContextPool(CoreLibrary.load(NativeLibs.core(), arena), MAX_IDLE);
    }

    @AfterEach
    void unload() {
        pool.close();
        arena.close();
    }

    @Test
    void aReleasedContextIsReused() {
        CoreContextPool.Context first = pool.acquire();
        CoreContextPool.Context second = pool.acquire();
        assertNotEquals(first.handle, second.handle, "two holders, two contexts");
        pool.release(first);
        assertSame(first, pool.acquire());
        pool.release(second);
    }

    /** Compression's two heap arrays stay with an idle context up to a block's size; larger ones are dropped. */
    @Test
    void anIdleContextKeepsItsArraysOfABlockNotLargerOnes() {
        CoreContextPool.Context ctx = pool.acquire();
        byte[] frame = ctx.frameOutput(1_052_676); // ZSTD_COMPRESSBOUND of a 1 MiB block
        byte[] check = ctx.checkOutput(1 << 20);
        assertNotSame(frame, check, "the frame and its decoded check need an array each");
        assertSame(frame, ctx.frameOutput(4096), "a smaller call takes the array it has");
        pool.release(ctx);
        assertSame(ctx, pool.acquire());
        assertSame(frame, ctx.frameOutput(1_052_676), "kept while idle");
        assertSame(check, ctx.checkOutput(1 << 20), "kept while idle");
        byte[] large = ctx.frameOutput(8 << 20);
        assertTrue(large.length >= 8 << 20);
        pool.release(ctx);
        assertSame(ctx, pool.acquire());
        assertNotSame(large, ctx.frameOutput(4096), "an array over 2 MiB goes to the GC when its context is idle");
        assertSame(check, ctx.checkOutput(1 << 20));
        pool.release(ctx);
    }

    @Test
    void keepsAtMostMaxIdle() {
        List<CoreContextPool.Context> held = new ArrayList<>();
        for (int i = 0; i < MAX_IDLE + 3; i++) {
            held.add(pool.acquire());
        }
        held.forEach(pool::release);
        Set<CoreContextPool.Context> kept = new HashSet<>(held);
        int reused = 0;
        List<CoreContextPool.Context> again = new ArrayList<>();
        for (int i = 0; i < MAX_IDLE + 3; i++) {
            CoreContextPool.Context ctx = pool.acquire();
            again.add(ctx);
            reused += kept.contains(ctx) ? 1 : 0;
        }
        assertEquals(MAX_IDLE, reused, "the idle ones kept, the others freed and made anew");
        again.forEach(pool::release);
    }

    @Test
    void neverHandsOneContextToTwoCallers() throws Exception {
        int threads = 8;
        Set<Long> inUse = ConcurrentHashMap.newKeySet();
        AtomicInteger clashes = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(executor.submit(() -> {
                    start.await();
                    for (int i = 0; i < 20_000; i++) {
                        CoreContextPool.Context ctx = pool.acquire();
                        long address = ctx.handle.address();
                        if (!inUse.add(address)) {
                            clashes.incrementAndGet();
                        }
                        Thread.onSpinWait();
                        inUse.remove(address);
                        pool.release(ctx);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        }
        assertEquals(0, clashes.get());
    }

    @Test
    void closedHandsOutNoneAndKeepsNone() {
        CoreContextPool.Context held = pool.acquire();
        pool.close();
        assertThrows(IllegalStateException.class, pool::acquire);
        pool.release(held); // freed, not kept
        assertTrue(pool.isClosed());
    }
}
