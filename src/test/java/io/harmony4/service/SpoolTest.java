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
