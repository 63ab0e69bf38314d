package io.harmony4.service;

import io.harmony4.container.DirectBlocks;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Direct memory that decompressions (whole content and streamed) decode blocks into, so that a verified answer goes
 * to the socket as it is. A heap array bound for a socket is copied into direct memory by Netty first, and Quarkus's
 * allocator (64 KiB chunks) makes that a fresh, zeroed {@code allocateDirect} for each array over 64 KiB; and the
 * 64 MiB of arrays a large answer holds until it is written were promoted and collected by full GCs (JFR, perf).
 *
 * <p>Each block is a reference-counted {@link ByteBuf}: whoever holds it (the decoder, the spool, a write in flight)
 * holds a reference and gives it back once. When the last is given back, a block of the default block size goes to
 * a list of idle blocks that the next decode takes, while the blocks held and idle together stay within
 * {@code maxBytes}: Netty's pooled allocator gives a chunk back to the system as soon as it is empty, which every
 * answer's end did, so that each answer paid again for the kernel's page faults and zeroing (perf). A smaller block (a
 * content's last, a small content's only one) takes the first bytes of such a block and goes back to the list the same
 * way: freeing native memory closes a shared arena, which waits for every thread to reach a safepoint, and cost a
 * 4 KiB decompression over HTTP 40% of its rate. Larger blocks (a container of larger blocks) and blocks past the bound
 * are freed.
 */
public final class DecodedBlockMemory implements DirectBlocks<ByteBuf> {
    private final int recycledSize;
    /** The most blocks of {@code recycledSize} held and idle together before one given back is freed. */
    private final long maxBlocks;
    /** Idle blocks, the last given back first (its memory is the likeliest in the cache). */
    private final ConcurrentLinkedDeque<Memory> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final AtomicLong held = new AtomicLong();
    /** The most blocks held at once since the last {@link #trimIdle}: what the recent load needed. */
    private final AtomicLong recentPeak = new AtomicLong();

    /** Native memory of one block, and the arena that frees it. */
    private record Memory(ByteBuffer buffer, Arena arena) {}

    /**
     * @param recycledSize the size of the blocks kept for reuse: the default block size
     * @param maxBytes     a block given back is kept idle only while the blocks held and idle together stay within
     *                     this much memory
     */
    public DecodedBlockMemory(int recycledSize, long maxBytes) {
        this.recycledSize = recycledSize;
        this.maxBlocks = maxBytes / Math.max(1, recycledSize);
    }

    @Override
    public ByteBuf allocate(int size) {
        boolean recycled = size <= recycledSize;
        Memory memory = recycled ? idle.pollFirst() : null;
        if (memory != null) {
            idleCount.decrementAndGet();
        } else {
            Arena arena = Arena.ofShared();
            memory = new Memory(arena.allocate(recycled ? recycledSize : size, 64).asByteBuffer(), arena);
        }
        long now = held.incrementAndGet();
        recentPeak.accumulateAndGet(now, Math::max);
        return new Block(memory, size);
    }

    @Override
    public ByteBuffer buffer(ByteBuf block) {
        return block.nioBuffer(0, block.capacity());
    }

    @Override
    public void release(ByteBuf block) {
        block.release();
    }

    /**
     * Frees the idle blocks that the load since the last call did not need, least recently used first: blocks held and
     * idle together come down to the most held at once since then, or {@code keep} if more. Called periodically, so
     * that the blocks a burst left idle go back to the system a period after it, rather than staying resident up to
     * the bound, while a steady load keeps the blocks it uses.
     *
     * @return how many blocks it freed
     */
    public int trimIdle(long keep) {
        long needed = Math.max(keep, recentPeak.getAndSet(held.get()));
        int freed = 0;
        for (Memory memory; idleCount.get() + held.get() > needed && (memory = idle.pollLast()) != null; freed++) {
            idleCount.decrementAndGet();
            memory.arena().close();
        }
        return freed;
    }

    /** The size of the blocks kept for reuse: an allocation up to this size takes one. */
    public int recycledSize() {
        return recycledSize;
    }

    /** Blocks allocated and not given back yet by all their holders: 0 once every answer has gone. */
    public long blocksHeld() {
        return held.get();
    }

    /** Blocks kept for reuse. */
    int idleBlocks() {
        return idleCount.get();
    }

    private void giveBack(Memory memory) {
        long stillHeld = held.decrementAndGet();
        if (memory.buffer().capacity() == recycledSize) {
            if (idleCount.incrementAndGet() + stillHeld <= maxBlocks) {
                idle.addFirst(memory);
                return;
            }
            idleCount.decrementAndGet();
        }
        memory.arena().close();
    }

    /** A block as Netty writes it: its memory goes back to this pool when its last reference is released. */
    private final class Block extends UnpooledDirectByteBuf {
        private final Memory memory;

        /** The first {@code size} bytes of {@code memory}. */
        Block(Memory memory, int size) {
            super(UnpooledByteBufAllocator.DEFAULT, memory.buffer().slice(0, size), size);
            this.memory = memory;
        }

        @Override
        protected void deallocate() {
            super.deallocate(); // the buffer is not its own: nothing freed there
            giveBack(memory);
        }
    }
}
