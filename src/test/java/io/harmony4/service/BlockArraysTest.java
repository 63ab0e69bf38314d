package io.harmony4.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Whole-block arrays kept between compressions: within one request's worth and a bound in bytes. */
class BlockArraysTest {
    private static final int MIB = 1 << 20;

    @Test
    void oneRequestsWorthIsKeptWithinTheBoundInBytes() {
        // two block threads: a request's six arrays of 1 MiB
        assertEquals(6, BlockArrays.forRequests(MIB, CompressionIngest.arraysPerRequest(2)).maxIdle());
        // sixty-four: 130 arrays, of which 16 MiB are kept
        assertEquals(16, BlockArrays.forRequests(MIB, CompressionIngest.arraysPerRequest(64)).maxIdle());
        // blocks larger than the bound: one is still kept
        assertEquals(1, BlockArrays.forRequests(32 * MIB, CompressionIngest.arraysPerRequest(2)).maxIdle());
    }

    @Test
    void arraysPastTheBoundGoToTheCollectorAndOthersAreRefused() {
        BlockArrays arrays = new BlockArrays(1024, 2);
        byte[] first = new byte[1024];
        arrays.giveBack(first);
        arrays.giveBack(new byte[1024]);
        arrays.giveBack(new byte[1024]); // no room: left to the GC
        assertEquals(2, arrays.idle());
        assertSame(first, arrays.poll());
        arrays.poll();
        assertNull(arrays.poll());
        assertThrows(IllegalArgumentException.class, () -> arrays.giveBack(new byte[1000]));
    }
}
