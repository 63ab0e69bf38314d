package io.harmony4.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The look-ahead of the writer and the stream reader: a block leaves the queue only once its work is done, so a wait
 * that is interrupted loses no block to the next call or to {@link BlocksInFlight#drain}, which gives back what a
 * block holds.
 */
class BlocksInFlightTest {
    /** Work that runs only when the test says: the wait for it cannot end on its own. */
    private final List<Runnable> work = new ArrayList<>();

    @Test
    void anInterruptedWaitLeavesItsBlockQueuedForTheNextCallAndForDrain() throws Exception {
        BlocksInFlight<String> blocks = new BlocksInFlight<>(work::add, "decoding");
        blocks.submit(() -> "first");
        blocks.submit(() -> "second");
        blocks.submit(() -> "third");
        Thread.currentThread().interrupt();
        InterruptedIOException e = assertThrows(InterruptedIOException.class, blocks::next);
        assertEquals("interrupted while decoding a block", e.getMessage());
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        assertEquals(3, blocks.size(), "the block waited for is still queued");

        work.forEach(Runnable::run); // the work outlived the wait
        assertEquals("first", blocks.next(), "the next call hands out the block the interrupted one waited for");
        List<String> leftover = new ArrayList<>();
        blocks.drain(leftover::add);
        assertEquals(List.of("second", "third"), leftover);
        assertTrue(blocks.isEmpty());
    }

    /** Failed work holds nothing to give back: its failure is handed out once, and the blocks after it follow. */
    @Test
    void aBlockWhoseWorkFailedIsThrownOnceAndLeavesTheQueue() throws Exception {
        BlocksInFlight<String> blocks = new BlocksInFlight<>(null, "compressing");
        IllegalStateException failure = new IllegalStateException("the block does not compress");
        blocks.submit(() -> {
            throw failure;
        });
        blocks.submit(() -> "second");
        assertSame(failure, assertThrows(IllegalStateException.class, blocks::next));
        assertEquals(1, blocks.size());
        List<String> leftover = new ArrayList<>();
        blocks.drain(leftover::add);
        assertEquals(List.of("second"), leftover);
    }
}
