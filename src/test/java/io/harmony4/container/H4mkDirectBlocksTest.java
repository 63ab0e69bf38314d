package io.harmony4.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.engine.TestData;
import io.harmony4.engine.TestEngines;
import io.harmony4.filter.FilterChain;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
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

    /**
     * A reader interrupted while it waits for a block (the client left, the request was cancelled) and then closed
     * gives back that block too, once its decode ends: it stays queued until it is handed out.
     */
    @Test
    void aReaderInterruptedWhileItWaitsForABlockGivesItBackOnClose() throws IOException {
        byte[] content = TestData.text(4 * BLOCK, 89);
        byte[] container = Containers.write(content, TestEngines.core(), BLOCK, 2);
        java.util.List<Runnable> decodes = new java.util.ArrayList<>(); // run below: each decode outlives the wait
        CountingBlocks memory = new CountingBlocks();
        H4mkInputStream in = new H4mkInputStream(new ByteArrayInputStream(container), Containers.ALL,
                ContainerLimits.DEFAULT, decodes::add, 2, H4mkInputStream.Mode.DECODE, ContainerVisitor.NONE);
        Thread.currentThread().interrupt();
        assertThrows(java.io.InterruptedIOException.class, () -> in.transferBlocks(array -> {}, memory,
                memory::release));
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        assertEquals(4, decodes.size(), "every block was submitted before the wait");
        decodes.forEach(Runnable::run);
        in.close();
        assertEquals(4, memory.allocated.get(), "every block was decoded into direct memory");
        assertEquals(Set.of(), memory.out, "and given back, the one waited for among them");
    }

    /**
     * The random-access reader, block by block (a streamed answer): each core or raw block of a version 2 container
     * in direct memory, with the bytes {@link H4mkRandomAccessReader#block(int)} gives; a filtered block, a block of
     * the reference engine, or one decoded early as an array through {@code wrap}.
     */
    @ParameterizedTest
    @ValueSource(strings = {"core", "filtered", "reference", "early"})
    void theRandomAccessReaderDecodesEachBlockIntoDirectMemoryWhereItCan(String kind) throws Exception {
        byte[] runs = new byte[2 * BLOCK]; // runs: blocks that every engine compresses, the reference one too
        for (int i = 0; i < runs.length; i++) {
            runs[i] = (byte) (i / 1000);
        }
        byte[] content = Containers.concat(runs, TestData.random(BLOCK, 86));
        byte[] container = switch (kind) {
            case "filtered" -> Containers.write(content, TestEngines.core(), BLOCK, 2, FilterChain.parse("shuffle:2"));
            case "reference" -> Containers.write(content, TestEngines.reference(), BLOCK, 2);
            default -> Containers.write(content, TestEngines.core(), BLOCK, 2);
        };
        // the reference engine serving alone, as it does when the core cannot be used
        EngineSet engines = kind.equals("reference") ? EngineSet.of(TestEngines.reference()) : Containers.ALL;
        H4mkRandomAccessReader reader = H4mkRandomAccessReader.open(RandomAccessSource.of(container), engines,
                ContainerLimits.DEFAULT, Containers.POOL);
        LeadingBlocks leading = new LeadingBlocks(0, null, 1, Containers.ALL, ContainerLimits.DEFAULT, Containers.POOL);
        leading.watch(new ByteArrayInputStream(container)).readAllBytes();
        CountingBlocks memory = new CountingBlocks();
        AtomicInteger arrays = new AtomicInteger();
        for (int i = 0; i < reader.blockCount(); i++) {
            LeadingBlocks.Decoded early = kind.equals("early") ? leading.take(reader.chunkOffset(i)).get() : null;
            MemorySegment block = reader.block(i, early, memory, array -> {
                arrays.incrementAndGet();
                return MemorySegment.ofArray(array);
            });
            assertArrayEquals(reader.block(i), block.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), "block " + i);
            if (block.isNative()) {
                memory.release(block);
            }
        }
        // core: every block in direct memory; early: block 0 as it was decoded early; reference and filtered: the
        // two blocks of runs as arrays, the random one stored raw (and so unfiltered) in direct memory
        int expectedArrays = switch (kind) {
            case "core" -> 0;
            case "early" -> 1;
            default -> 2;
        };
        assertEquals(expectedArrays, arrays.get(), kind + ": blocks as arrays");
        assertEquals(3 - expectedArrays, memory.allocated.get(), kind + ": blocks in direct memory");
        assertEquals(Set.of(), memory.out, "every block given back");
    }

    /** A block whose bytes are not the ones SEEK lists is refused, named, and its direct memory given back. */
    @Test
    void aDamagedBlockReadAtRandomIsRefusedWithItsMemoryGivenBack() throws Exception {
        byte[] content = TestData.random(3 * BLOCK, 87); // stored raw: the flip reaches the bytes
        byte[] container = Containers.write(content, TestEngines.core(), BLOCK, 2);
        int at = Containers.indexOf(container, java.util.Arrays.copyOfRange(content, BLOCK + 100, BLOCK + 132));
        byte[] damaged = Tampering.flipBehindTheCrc(container, at, 0x01);
        H4mkRandomAccessReader reader = H4mkRandomAccessReader.open(RandomAccessSource.of(damaged), Containers.ALL,
                ContainerLimits.DEFAULT, Containers.POOL);
        CountingBlocks memory = new CountingBlocks();
        memory.release(reader.block(0, null, memory, MemorySegment::ofArray));
        CorruptContainerException e = assertThrows(CorruptContainerException.class,
                () -> reader.block(1, null, memory, MemorySegment::ofArray));
        assertTrue(e.getMessage().contains("block 1"), e.getMessage());
        assertEquals(2, memory.allocated.get(), "block 1 was decoded into direct memory");
        assertEquals(Set.of(), memory.out, "and given back");
    }

    /**
     * The first blocks decoded while their container arrives go to direct memory too: the reader takes such a block
     * as it is, gives back one offered for another chunk, and those never taken go back once the early decoding is
     * closed.
     */
    @Test
    void blocksDecodedEarlyGoToDirectMemoryAndBackWhenNotTaken() throws Exception {
        byte[] content = TestData.text(4 * BLOCK, 88);
        byte[] container = Containers.write(content, TestEngines.core(), BLOCK, 2);
        H4mkRandomAccessReader reader = H4mkRandomAccessReader.open(RandomAccessSource.of(container), Containers.ALL,
                ContainerLimits.DEFAULT, Containers.POOL);
        CountingBlocks memory = new CountingBlocks();
        LeadingBlocks leading = new LeadingBlocks(0, null, 3, Containers.ALL, ContainerLimits.DEFAULT,
                Containers.POOL, memory);
        leading.watch(new ByteArrayInputStream(container)).readAllBytes();

        LeadingBlocks.Decoded first = leading.take(reader.chunkOffset(0)).get();
        assertTrue(first.data() == null && first.direct() != null, "decoded into direct memory");
        MemorySegment taken = reader.block(0, first, memory, MemorySegment::ofArray);
        assertSame(first.direct(), taken, "taken as it was decoded");
        assertArrayEquals(reader.block(0), taken.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
        memory.release(taken);

        LeadingBlocks.Decoded second = leading.take(reader.chunkOffset(1)).get();
        MemorySegment third = reader.block(2, second, memory, MemorySegment::ofArray); // offered for another block
        assertArrayEquals(reader.block(2), third.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
        // by identity: a segment equals any other at the same address and size, and the allocator may hand the
        // freed block's address to the next one (block 2's, decoded just now)
        assertFalse(memory.out.stream().anyMatch(held -> held == second.direct()),
                "the block offered wrongly was given back");
        memory.release(third);

        leading.close(); // block 2's early decode was never taken
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!memory.out.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(Set.of(), memory.out, "every block given back");
        assertEquals(4, memory.allocated.get(), "three decoded early, and block 2 once more by the reader");
    }
}
