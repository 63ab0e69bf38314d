package io.harmony4.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.engine.TestData;
import io.netty.buffer.ByteBuf;
import io.netty.util.IllegalReferenceCountException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Direct memory of decoded blocks: a block is given back when its last holder releases it, once; blocks of the
 * default size are kept for reuse while held and idle blocks together stay within the bound; a spool holds its blocks until it closes or spills them, and a
 * writer that retained one keeps it past the spool's close.
 */
class DecodedBlockMemoryTest {
    private static final int BLOCK = 64 * 1024;

    @TempDir
    Path dir;

    /**
     * A trim frees the idle blocks that the load since the last trim did not need: a burst's blocks stay through the
     * trim that follows it and go at the next, a steady load keeps what it uses, and never fewer than asked are kept.
     */
    @Test
    void idleBlocksABurstLeftGoAtTheSecondTrimAfterItWhileASteadyLoadKeepsItsOwn() {
        DecodedBlockMemory memory = new DecodedBlockMemory(BLOCK, 64L * BLOCK);
        allocate(memory, 8).forEach(memory::release);
        assertEquals(8, memory.idleBlocks());
        assertEquals(0, memory.trimIdle(2), "the period of the burst needed all eight");
        assertEquals(6, memory.trimIdle(2), "a quiet period: down to the two asked for");
        assertEquals(2, memory.idleBlocks());

        for (int round = 0; round < 3; round++) { // a steady load of three at once
            allocate(memory, 3).forEach(memory::release);
            assertEquals(0, memory.trimIdle(2), "round " + round);
            assertEquals(3, memory.idleBlocks());
        }
        ByteBuf held = memory.allocate(BLOCK);
        assertEquals(2, memory.trimIdle(0), "one block held this period: the two idle ones freed");
        assertEquals(0, memory.idleBlocks());
        memory.release(held);
        assertEquals(1, memory.idleBlocks());
        assertEquals(0, memory.trimIdle(0), "the period's peak was that block");
        assertEquals(1, memory.trimIdle(0), "then nothing was held: none kept");
        assertEquals(0, memory.idleBlocks());
    }

    /** {@code n} blocks of the recycled size, held. */
    private static List<ByteBuf> allocate(DecodedBlockMemory memory, int n) {
        List<ByteBuf> blocks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            blocks.add(memory.allocate(BLOCK));
        }
        return blocks;
    }

    @Test
    void aBlockGoesBackWhenItsLastHolderReleasesItAndIsReusedWithinTheBound() {
        DecodedBlockMemory memory = new DecodedBlockMemory(BLOCK, 2L * BLOCK);
        List<ByteBuf> blocks = allocate(memory, 3);
        ByteBuf odd = memory.allocate(100);
        assertEquals(4, memory.blocksHeld());
        assertEquals(BLOCK, memory.buffer(blocks.get(0)).remaining());
        assertTrue(memory.buffer(blocks.get(0)).isDirect());

        ByteBuf writer = blocks.get(0).retain(); // a write in flight
        memory.release(blocks.get(0));
        assertEquals(4, memory.blocksHeld(), "still held by the write");
        writer.release();
        assertEquals(3, memory.blocksHeld());
        assertThrows(IllegalReferenceCountException.class, writer::release, "given back once only");

        blocks.subList(1, 3).forEach(memory::release);
        memory.release(odd);
        assertEquals(0, memory.blocksHeld());
        // the bound is two blocks, held and idle together, the odd one's memory counted as one: the first two given
        // back found two others still held and were freed, the last two are kept
        assertEquals(2, memory.idleBlocks(), "two blocks kept, the odd one's among them, the others freed");
        ByteBuf small = memory.allocate(300);
        assertEquals(1, memory.idleBlocks(), "a smaller block takes an idle one's memory");
        assertEquals(300, memory.buffer(small).remaining());
        assertEquals(300, small.capacity());
        memory.release(small);
        assertEquals(2, memory.idleBlocks(), "and gives it back to the list");
        memory.release(memory.allocate(BLOCK + 1));
        assertEquals(2, memory.idleBlocks(), "a larger block is its own: freed, never listed");
        assertEquals(0, memory.blocksHeld());
        ByteBuf reused = memory.allocate(BLOCK);
        assertEquals(1, memory.idleBlocks(), "an idle block was taken");
        assertEquals(0, reused.readerIndex());
        assertEquals(BLOCK, reused.readableBytes());
        memory.release(reused);
        assertEquals(0, memory.blocksHeld());
    }

    @Test
    void aSpoolHoldsDirectBlocksUntilItClosesAndAWriterThatRetainedOneKeepsIt() throws Exception {
        DecodedBlockMemory memory = new DecodedBlockMemory(BLOCK, 8L * BLOCK);
        MemoryBudget budget = new MemoryBudget(8 << 20);
        byte[] content = TestData.text(2 * BLOCK + 10, 91);
        ByteBuf written;
        try (Spool spool = new Spool(budget, dir)) {
            spool.write(content, 0, 10); // an array segment first, then blocks
            spool.appendDirect(block(memory, content, 10, BLOCK));
            spool.appendDirect(block(memory, content, 10 + BLOCK, BLOCK));
            assertEquals(content.length, spool.size());
            assertArrayEquals(content, bytes(spool.segmentsOrNull()));
            List<ByteBuf> buffers = spool.buffersOrNull();
            ByteBuf all = io.netty.buffer.Unpooled.wrappedBuffer(buffers.toArray(ByteBuf[]::new));
            byte[] sent = new byte[all.readableBytes()];
            all.getBytes(0, sent);
            assertArrayEquals(content, sent);
            assertEquals(2, memory.blocksHeld());
            written = buffers.get(2).retain(); // as HeldSegments hands it to Netty
        }
        assertEquals(budget.capacity(), budget.available());
        assertEquals(1, memory.blocksHeld(), "the block being written outlives the spool");
        written.release();
        assertEquals(0, memory.blocksHeld());
    }

    @Test
    void aSpoolThatGoesToAFileWritesItsBlocksThereAndGivesThemBack() throws Exception {
        DecodedBlockMemory memory = new DecodedBlockMemory(BLOCK, 8L * BLOCK);
        MemoryBudget budget = new MemoryBudget(BLOCK + BLOCK / 2);
        byte[] content = TestData.text(3 * BLOCK, 92);
        try (Spool spool = new Spool(budget, dir)) {
            for (int i = 0; i < 3; i++) {
                spool.appendDirect(block(memory, content, i * BLOCK, BLOCK));
            }
            Path file = spool.fileOrNull();
            assertArrayEquals(content, Files.readAllBytes(file));
            assertEquals(0, memory.blocksHeld(), "blocks in the file are given back");
            assertEquals(budget.capacity(), budget.available());
        }
        Spool closed = new Spool(budget, dir);
        closed.close();
        ByteBuf late = memory.allocate(BLOCK);
        assertThrows(IllegalStateException.class, () -> closed.appendDirect(late));
        assertEquals(0, memory.blocksHeld(), "a closed spool gives back what it is handed");
    }

    /**
     * Arrays and blocks appended in turn reach the file in their order when the budget runs out, and a spool that
     * cannot write its file (the folder is gone) still gives back the block it was handed.
     */
    @Test
    void arraysAndBlocksSpillInTheirOrderAndABlockThatCannotBeSpooledIsGivenBack() throws Exception {
        DecodedBlockMemory memory = new DecodedBlockMemory(BLOCK, 8L * BLOCK);
        MemoryBudget budget = new MemoryBudget(2L * BLOCK + BLOCK / 2);
        byte[] content = TestData.text(4 * BLOCK, 93);
        try (Spool spool = new Spool(budget, dir)) {
            spool.append(java.util.Arrays.copyOfRange(content, 0, BLOCK));
            spool.appendDirect(block(memory, content, BLOCK, BLOCK));
            assertEquals(null, spool.fileOrNull(), "both held");
            spool.append(java.util.Arrays.copyOfRange(content, 2 * BLOCK, 3 * BLOCK)); // no room: all to the file
            spool.appendDirect(block(memory, content, 3 * BLOCK, BLOCK));
            assertArrayEquals(content, Files.readAllBytes(spool.fileOrNull()));
            assertEquals(content.length, spool.size());
            assertEquals(0, memory.blocksHeld());
        }
        Spool nowhere = new Spool(new MemoryBudget(0), dir.resolve("gone"));
        ByteBuf refused = memory.allocate(BLOCK);
        assertThrows(Spool.SpoolException.class, () -> nowhere.appendDirect(refused));
        assertEquals(0, memory.blocksHeld(), "the block handed to a spool that failed was given back");
        nowhere.close();
    }

    private static ByteBuf block(DecodedBlockMemory memory, byte[] content, int from, int length) {
        ByteBuf block = memory.allocate(length);
        memory.buffer(block).put(content, from, length);
        return block;
    }

    private static byte[] bytes(List<ByteBuffer> segments) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (ByteBuffer s : segments) {
            byte[] part = new byte[s.remaining()];
            s.duplicate().get(part);
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
