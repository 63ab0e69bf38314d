package io.harmony4.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.engine.TestData;
import io.harmony4.engine.TestEngines;
import io.harmony4.filter.FilterChain;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link H4mkInputStream#transferBlocks(java.util.function.Consumer, DirectBlocks, java.util.function.Consumer)}:
 * blocks decoded into direct memory give the same bytes as arrays, in order; only the blocks that can go there do
 * (version 2 on, unfiltered, raw or the core's; a filtered block or a version 1 container stays an array); and every block of that memory is given back exactly once, also
 * when a block fails mid-stream with others decoded ahead.
 */
class H4mkDirectBlocksTest {
    private static final int BLOCK = 1 << 20;

    /** Native memory that counts what is out, and refuses a block given back twice or never allocated. */
    static final class CountingBlocks implements DirectBlocks<MemorySegment> {
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
    }

    /** Reads {@code container} with direct blocks, each copied out and given back as the sink gets it. */
    private static byte[] readDirect(byte[] container, int parallelism, CountingBlocks memory, AtomicInteger arrays)
            throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        try (H4mkInputStream in = new H4mkInputStream(new ByteArrayInputStream(container), Containers.ALL,
                ContainerLimits.DEFAULT, Containers.POOL, parallelism, H4mkInputStream.Mode.DECODE,
                ContainerVisitor.NONE)) {
            long size = in.transferBlocks(array -> {
                arrays.incrementAndGet();
                content.writeBytes(array);
            }, memory, block -> {
                content.writeBytes(block.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
                memory.release(block);
            });
            assertEquals(content.size(), size);
        }
        return content.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void coreAndRawBlocksGoToDirectMemoryWithTheSameBytes(int parallelism) throws IOException {
        // compressible text, then random bytes that the writer keeps raw
        byte[] content = Containers.concat(TestData.text(3 * BLOCK + 777, 81), TestData.random(2 * BLOCK, 82));
        byte[] container = Containers.write(content, TestEngines.core(), BLOCK, 2);
        CountingBlocks memory = new CountingBlocks();
        AtomicInteger arrays = new AtomicInteger();
        assertArrayEquals(content, readDirect(container, parallelism, memory, arrays));
        assertEquals(6, memory.allocated.get(), "every block in direct memory");
        assertEquals(0, arrays.get());
        assertEquals(Set.of(), memory.out, "every block given back");
    }

    @ParameterizedTest
    @ValueSource(strings = {"filtered", "version1"})
    void blocksThatCannotGoThereStayArrays(String kind) throws IOException {
        byte[] content = TestData.text(2 * BLOCK, 83); // whole blocks: each one filtered, in "filtered"
        byte[] container = switch (kind) {
            case "filtered" -> Containers.write(content, TestEngines.core(), BLOCK, 1, FilterChain.parse("shuffle:2"));
            default -> TestContainers.versionOneReferenceText();
        };
        if (kind.equals("version1")) {
            content = Containers.read(container);
        }
        CountingBlocks memory = new CountingBlocks();
        AtomicInteger arrays = new AtomicInteger();
        assertArrayEquals(content, readDirect(container, 2, memory, arrays));
        assertEquals(0, memory.allocated.get(), kind + ": decoded into arrays");
        assertTrue(arrays.get() > 0);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void aBlockThatFailsMidStreamLeavesNoBlockOut(int parallelism) throws IOException {
        byte[] content = TestData.text(8 * BLOCK, 84);
        byte[] container = Containers.write(content, TestEngines.core(), BLOCK, 2);
        int[] cores = {0};
        // the third block's data damaged behind a right CRC: it decodes to other bytes, or not at all
        byte[] damaged = Tampering.rewriteChunks(container, (chunk, bytes) -> {
            if (chunk.type().equals(H4mk.CORE) && cores[0]++ == 2) {
                bytes[chunk.payloadAt() + chunk.payloadLength() / 2] ^= 0x5A;
            }
        });
        CountingBlocks memory = new CountingBlocks();
        assertThrows(CorruptContainerException.class, () -> readDirect(damaged, parallelism, memory,
                new AtomicInteger()));
        assertTrue(memory.allocated.get() >= 2, "blocks were decoded into direct memory before the failure");
        assertEquals(Set.of(), memory.out, "blocks decoded ahead are given back when the stream closes");
    }
}
