package io.harmony4.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.engine.TestData;
import io.harmony4.engine.TestEngines;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The first blocks of a range decoded while their container arrives: only those, read through in any pieces, each
 * taken by the reader only for the block SEEK places at its chunk and with the SHA-256 SEEK lists; anything else
 * decoded by the reader as before.
 */
class LeadingBlocksTest {
    private static final int BLOCK = 4096;

    @Test
    void theFirstBlocksAreDecodedAsTheContainerPassesAndTakenAsTheyAre() throws Exception {
        byte[] content = TestData.text(7 * BLOCK + 300, 1);
        byte[] container = Containers.write(content, TestEngines.core(), BLOCK, 1);
        LeadingBlocks leading = leading(0, null, 2);
        assertArrayEquals(container, readInPieces(leading.watch(new ByteArrayInputStream(container))),
                "the body passes through unchanged");
        H4mkRandomAccessReader reader = reader(container);
        CountingBlocks memory = new CountingBlocks();
        for (int i = 0; i < reader.blockCount(); i++) {
            LeadingBlocks.Decoded early = leading.take(reader.chunkOffset(i)).get();
            byte[] expected = blockOf(content, i);
            MemorySegment block = reader.block(i, early, memory, MemorySegment::ofArray);
            if (i < 2) {
                assertNotNull(early, "block " + i + " decoded early");
                assertSame(early.data(), block.heapBase().orElseThrow(), "block " + i + " taken, not decoded again");
                assertArrayEquals(expected, early.data());
            } else {
                assertNull(early, "block " + i + " is not among the first two");
                assertArrayEquals(expected, memory.takeBytes(block));
            }
        }
        assertNull(leading.take(reader.chunkOffset(0)).get(), "taken once");
        assertEquals(reader.blockCount() - 2, memory.allocated.get(), "only the blocks not decoded early decoded here");
        assertEquals(Set.of(), memory.out);
    }

    @Test
    void aRangeHasItsOwnFirstBlocksDecoded() throws Exception {
        byte[] content = TestData.text(9 * BLOCK, 2);
        byte[] container = Containers.write(content, TestEngines.core(), BLOCK, 1);
        LeadingBlocks leading = leading(3L * BLOCK + 5, 2L * BLOCK, 2); // blocks 3 to 5; the first two of them
        readInPieces(leading.watch(new ByteArrayInputStream(container)));
        H4mkRandomAccessReader reader = reader(container);
        for (int i = 0; i < reader.blockCount(); i++) {
            LeadingBlocks.Decoded early = leading.take(reader.chunkOffset(i)).get();
            assertEquals(i == 3 || i == 4, early != null, "block " + i);
        }
        LeadingBlocks empty = leading(BLOCK, 0L, 2);
        readInPieces(empty.watch(new ByteArrayInputStream(container)));
        for (int i = 0; i < reader.blockCount(); i++) {
            assertNull(empty.take(reader.chunkOffset(i)).get(), "an empty range decodes nothing");
        }
    }

    /** Block 0 damaged behind its CRC: decoded early all the same, but its SHA-256 is not SEEK's, and the reader says so. */
    @Test
    void anEarlyBlockWhoseDigestIsNotSeeksIsRefusedAsTheReaderRefusesIt() throws Exception {
        byte[] content = TestData.random(4 * BLOCK, 3); // stored raw: the flip reaches the bytes
        byte[] container = Containers.write(content, TestEngines.core(), BLOCK, 1);
        int at = Containers.indexOf(container, Arrays.copyOfRange(content, 100, 132));
        byte[] damaged = Tampering.flipBehindTheCrc(container, at, 0x01);
        LeadingBlocks leading = leading(0, null, 2);
        readInPieces(leading.watch(new ByteArrayInputStream(damaged)));
        H4mkRandomAccessReader reader = reader(damaged);
        LeadingBlocks.Decoded early = leading.take(reader.chunkOffset(0)).get();
        assertNotNull(early);
        CountingBlocks memory = new CountingBlocks();
        CorruptContainerException e = assertThrows(CorruptContainerException.class,
                () -> reader.block(0, early, memory, MemorySegment::ofArray));
        assertTrue(e.getMessage().contains("block 0"), e.getMessage());
        assertEquals(Set.of(), memory.out, "the block decoded again to be named was given back");
    }

    /** An early block offered for another block than its own is not taken: the reader decodes the right one. */
    @Test
    void anEarlyBlockFromAnotherChunkIsNotTaken() throws Exception {
        byte[] content = TestData.text(3 * BLOCK, 4);
        byte[] container = Containers.write(content, TestEngines.core(), BLOCK, 1);
        LeadingBlocks leading = leading(0, null, 2);
        readInPieces(leading.watch(new ByteArrayInputStream(container)));
        H4mkRandomAccessReader reader = reader(container);
        LeadingBlocks.Decoded second = leading.take(reader.chunkOffset(1)).get();
        CountingBlocks memory = new CountingBlocks();
        MemorySegment first = reader.block(0, second, memory, MemorySegment::ofArray);
        assertTrue(first.isNative(), "decoded here, not the early array");
        assertArrayEquals(blockOf(content, 0), memory.takeBytes(first));
    }

    /** What is no version 2 or 3 container, or stops early, decodes nothing and fails nothing: the reader names it. */
    @Test
    void inputThatIsNoContainerOrEndsEarlyDecodesNothing() throws Exception {
        byte[] content = TestData.text(3 * BLOCK, 5);
        byte[] container = Containers.write(content, TestEngines.core(), BLOCK, 1);
        long[] chunks = new long[3];
        H4mkRandomAccessReader reader = reader(container);
        for (int i = 0; i < 3; i++) {
            chunks[i] = reader.chunkOffset(i);
        }
        byte[] garbage = TestData.random(container.length, 6);
        byte[] cut = Arrays.copyOf(container, (int) chunks[0] + 100);
        byte[] noHead = container.clone();
        noHead[Preamble.SIZE] = 'X'; // HEAD is not first
        for (byte[] input : new byte[][] {garbage, cut, noHead, TestContainers.versionOneReferenceText(),
                new byte[0]}) {
            LeadingBlocks leading = leading(0, null, 3);
            readInPieces(leading.watch(new ByteArrayInputStream(input)));
            for (long chunk : chunks) {
                assertNull(leading.take(chunk).get());
            }
        }
    }

    /**
     * A decode its pool drops at shutdown, cancelled as the block pool cancels what it drops, is no block at once: the
     * reader decodes that block itself, rather than wait for ever on one that never comes.
     */
    @Test
    void aDecodeThePoolCancelledIsNoBlock() throws Exception {
        byte[] content = TestData.text(3 * BLOCK, 7);
        byte[] container = Containers.write(content, TestEngines.core(), BLOCK, 1);
        List<Runnable> queued = new ArrayList<>();
        LeadingBlocks leading = new LeadingBlocks(0, null, 2, Containers.ALL, ContainerLimits.DEFAULT, queued::add);
        readInPieces(leading.watch(new ByteArrayInputStream(container)));
        assertEquals(2, queued.size(), "the first two blocks queued, none run");

        for (Runnable dropped : queued) {
            assertTrue(((Future<?>) dropped).cancel(false));
        }
        H4mkRandomAccessReader reader = reader(container);
        for (int i = 0; i < 2; i++) {
            CompletableFuture<LeadingBlocks.Decoded> early = leading.take(reader.chunkOffset(i));
            assertTrue(early.isDone(), "block " + i + " done by its cancel");
            assertNull(early.get());
            assertArrayEquals(blockOf(content, i), reader.block(i));
        }
    }

    private static LeadingBlocks leading(long offset, Long length, int count) {
        return new LeadingBlocks(offset, length, count, Containers.ALL, ContainerLimits.DEFAULT, Containers.POOL);
    }

    private static H4mkRandomAccessReader reader(byte[] container) throws IOException {
        return H4mkRandomAccessReader.open(RandomAccessSource.of(container), Containers.ALL, ContainerLimits.DEFAULT,
                Containers.POOL);
    }

    /** Reads all of {@code in} in pieces of changing sizes, one byte at a time among them. */
    private static byte[] readInPieces(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[5000];
        int size = 1;
        while (true) {
            if (size == 1) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                out.write(b);
            } else {
                int n = in.read(buffer, 0, size);
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
            }
            size = size * 7 % 4999 + 1;
        }
        return out.toByteArray();
    }

    private static byte[] blockOf(byte[] content, int i) {
        return Arrays.copyOfRange(content, i * BLOCK, Math.min(content.length, (i + 1) * BLOCK));
    }
}
