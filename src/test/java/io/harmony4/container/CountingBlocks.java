package io.harmony4.container;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Native memory for tests that counts what is out, and refuses a block given back twice or never allocated. */
final class CountingBlocks implements DirectBlocks<MemorySegment> {
    final Set<MemorySegment> out = ConcurrentHashMap.newKeySet();
    final AtomicInteger allocated = new AtomicInteger();
    private final ConcurrentHashMap<MemorySegment, Arena> arenas = new ConcurrentHashMap<>();

    @Override
    public MemorySegment allocate(int size) {
        Arena arena = Arena.ofShared();
        MemorySegment block = arena.allocate(size);
        arenas.put(block, arena);
        out.add(block);
        allocated.incrementAndGet();
        return block;
    }

    @Override
    public ByteBuffer buffer(MemorySegment block) {
        return block.asByteBuffer();
    }

    @Override
    public void release(MemorySegment block) {
        if (!out.remove(block)) {
            throw new AssertionError("a block given back twice, or never allocated");
        }
        arenas.remove(block).close();
    }

    /** The bytes of {@code block}, copied out; a block of this memory is then given back. */
    byte[] takeBytes(MemorySegment block) {
        byte[] bytes = block.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        if (block.isNative()) {
            release(block);
        }
        return bytes;
    }
}
