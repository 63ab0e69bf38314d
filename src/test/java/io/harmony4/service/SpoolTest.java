package io.harmony4.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.engine.TestData;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where results wait: in memory within the service-wide budget, else in a file, and nothing left once closed. */
class SpoolTest {
    @TempDir
    Path dir;

    @Test
    void aResultWithinTheBudgetStaysInMemoryAndAppendedArraysAreKeptAsTheyAre() throws Exception {
        MemoryBudget budget = new MemoryBudget(8 << 20);
        byte[] head = TestData.text(100_000, 1);
        byte[] block = TestData.random(1 << 20, 2);
        byte[] tail = TestData.text(3 << 20, 3);
        try (Spool spool = new Spool(budget, dir)) {
            spool.write(head, 0, head.length);
            spool.append(block);
            spool.write(tail, 0, tail.length);

            assertNull(spool.fileOrNull());
            List<ByteBuffer> segments = spool.segmentsOrNull();
            assertSame(block, segments.stream().filter(s -> s.remaining() == block.length).findFirst().orElseThrow()
                    .array(), "an appended array is held, not copied");
            assertArrayEquals(concat(head, block, tail), bytes(segments));
            assertEquals(head.length + block.length + tail.length, spool.size());
            assertTrue(budget.available() < budget.capacity() - spool.size() + 1, "what is held is reserved");
        }
        assertEquals(budget.capacity(), budget.available(), "closing gives the memory back");
    }

    @Test
    void aResultTheBudgetCannotHoldGoesToAFileAndGivesItsMemoryBack() throws Exception {
        MemoryBudget budget = new MemoryBudget(3 << 20);
        byte[] first = TestData.random(2 << 20, 4);
        byte[] second = TestData.random(2 << 20, 5);
        Path file;
        try (Spool spool = new Spool(budget, dir)) {
            spool.append(first);
            assertNotNull(spool.segmentsOrNull());
            spool.append(second); // no room for it: all of it to the file
            assertNull(spool.segmentsOrNull());
            assertEquals(budget.capacity(), budget.available(), "the memory goes back once the result is in a file");
            spool.write(first, 0, 10); // and what follows goes there too
            file = spool.fileOrNull();
            assertNotNull(file);
            assertArrayEquals(concat(first, second, java.util.Arrays.copyOf(first, 10)), Files.readAllBytes(file));
        }
        assertFalse(Files.exists(file));
    }

    @Test
    void twoResultsShareOneBudget() throws Exception {
        MemoryBudget budget = new MemoryBudget(3 << 20);
        try (Spool one = new Spool(budget, dir); Spool two = new Spool(budget, dir)) {
            one.append(new byte[2 << 20]);
            two.append(new byte[2 << 20]);
            assertNull(one.fileOrNull());
            assertNotNull(two.fileOrNull(), "the second found no room left");
        }
        assertEquals(budget.capacity(), budget.available());
    }

    /**
     * Reads at any position, across the pieces a spool holds (in memory) or from its file, which the source opens and
     * closes: closed, it reads no more, and the spool still deletes its file.
     */
    @Test
    void aSpoolOpensAsASourceOfWhatWasWrittenInMemoryOrInItsFile() throws Exception {
        byte[] head = TestData.text(70_000, 6);
        byte[] block = TestData.random(1 << 20, 7);
        byte[] whole = concat(head, block, head);
        for (long budgetSize : new long[] {8 << 20, 1 << 20}) {
            try (Spool spool = new Spool(new MemoryBudget(budgetSize), dir)) {
                spool.write(head, 0, head.length);
                spool.append(block);
                spool.write(head, 0, head.length);
                assertEquals(budgetSize == 1 << 20, spool.fileOrNull() != null, "the small budget sent it to a file");
                Spool.Source source = spool.openSource();
                assertEquals(whole.length, source.size());
                for (int[] range : new int[][] {{0, whole.length}, {head.length - 5, 10}, {whole.length - 3, 3},
                        {head.length + (1 << 20) - 1, 2}}) {
                    byte[] read = new byte[range[1] + 2];
                    source.read(range[0], read, 1, range[1]);
                    assertArrayEquals(java.util.Arrays.copyOfRange(whole, range[0], range[0] + range[1]),
                            java.util.Arrays.copyOfRange(read, 1, range[1] + 1), "at " + range[0]);
                }
                source.close();
                if (spool.fileOrNull() != null) {
                    assertThrows(java.nio.channels.ClosedChannelException.class,
                            () -> source.read(0, new byte[1], 0, 1), "its channel closed with it");
                }
            }
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    /**
     * A spool given direct memory copies into its recycled blocks, each at most one of them, so that a socket takes
     * them as they are; they go back when the spool closes or spills to its file, and the next spool reuses them.
     */
    @Test
    void copiesGoIntoRecycledDirectBlocksThatGoBackWhenTheSpoolIsDone() throws Exception {
        int blockSize = 256 << 10;
        DecodedBlockMemory blocks = new DecodedBlockMemory(blockSize, 16L << 20);
        MemoryBudget budget = new MemoryBudget(8 << 20);
        byte[] head = TestData.text(100, 8);
        byte[] body = TestData.text(700_000, 9);
        for (int round = 0; round < 2; round++) {
            try (Spool spool = new Spool(budget, dir, blocks)) {
                spool.write(head, 0, head.length);
                spool.write(body, 0, body.length);
                List<ByteBuffer> segments = spool.segmentsOrNull();
                assertFalse(segments.getFirst().isDirect(), "a first segment smaller than a block: a heap array");
                assertEquals(64 << 10, segments.getFirst().remaining());
                assertTrue(segments.stream().skip(1).allMatch(ByteBuffer::isDirect), "then direct blocks");
                assertTrue(segments.stream().allMatch(b -> b.remaining() <= blockSize), "none larger than a block");
                assertArrayEquals(concat(head, body, new byte[0]), bytes(segments));
                assertArrayEquals(concat(head, body, new byte[0]), bytes(spool.buffersOrNull().stream()
                        .map(io.netty.buffer.ByteBuf::nioBuffer).toList()));
                assertEquals(segments.size() - 1, blocks.blocksHeld());
                // each direct block is reserved whole: the budget counts the memory the spool holds
                assertEquals(budget.capacity() - (64 << 10) - blocks.blocksHeld() * blockSize, budget.available());
            }
            assertEquals(0, blocks.blocksHeld(), "given back on close");
            assertEquals(3, blocks.idleBlocks(), "kept for the next spool: 700,100 bytes past a first 64 KiB");
        }
        try (Spool spool = new Spool(budget, dir, blocks)) {
            spool.write(body, 0, 1000); // a small result: a heap array of what it holds, no block taken
            assertEquals(0, blocks.blocksHeld());
            assertFalse(spool.segmentsOrNull().getFirst().isDirect());
        }
        try (Spool spool = new Spool(new MemoryBudget(300 << 10), dir, blocks)) {
            spool.write(body, 0, body.length); // past the budget: to the file, the blocks given back at once
            assertEquals(0, blocks.blocksHeld());
            assertArrayEquals(body, Files.readAllBytes(spool.fileOrNull()));
        }
        assertEquals(budget.capacity(), budget.available());
    }

    @Test
    void aClosedSpoolTakesNothingMore() throws Exception {
        MemoryBudget budget = new MemoryBudget(1 << 20);
        Spool spool = new Spool(budget, dir);
        spool.write(new byte[100], 0, 100);
        spool.close();
        spool.close();
        assertThrows(IllegalStateException.class, () -> spool.append(new byte[10]));
        assertEquals(budget.capacity(), budget.available());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    private static byte[] bytes(List<ByteBuffer> segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer s : segments) {
            byte[] copy = new byte[s.remaining()];
            s.duplicate().get(copy);
            out.writeBytes(copy);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
