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
            out.write(s.array(), s.arrayOffset() + s.position(), s.remaining());
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
