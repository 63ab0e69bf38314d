package io.harmony4.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A spool's buffers written as they are: each retained while written, none once the spool let them go. */
class HeldSegmentsTest {
    @Test
    void borrowedSegmentsAreRetainedWhileWrittenAndStayTheOwners() {
        ByteBuf first = Unpooled.directBuffer(4).writeInt(1);
        ByteBuf second = Unpooled.directBuffer(4).writeInt(2);
        HeldSegments held = HeldSegments.borrowed(List.of(first.duplicate(), second.duplicate()), 8);

        ByteBuf handed = held.handOver();
        assertEquals(2, first.refCnt(), "the writer's own reference beside the owner's");
        held.release(handed);
        assertEquals(1, first.refCnt());
        held.releaseUnwritten();
        assertEquals(1, second.refCnt(), "never handed over: still the owner's, not released");
        first.release();
        second.release();
    }

    @Test
    void segmentsTheOwnerGaveBackAreNotHandedOver() {
        ByteBuf first = Unpooled.directBuffer(4).writeInt(1);
        ByteBuf second = Unpooled.directBuffer(4).writeInt(2);
        ByteBuf third = Unpooled.directBuffer(4).writeInt(3);
        HeldSegments held = HeldSegments.borrowed(List.of(first.duplicate(), second.duplicate(),
                third.duplicate()), 12);
        ByteBuf handed = held.handOver();
        assertSame(first, handed.unwrap());

        // the exchange ended (the client left): the spool closes and gives its buffers back, one still being written
        first.release();
        second.release();
        third.release();

        assertNull(held.handOver(), "a buffer given back is not written");
        assertFalse(held.hasNext(), "nothing after it either");
        assertEquals(1, first.refCnt(), "the segment being written keeps the writer's reference");
        held.release(handed);
        assertEquals(0, first.refCnt());
        assertEquals(0, third.refCnt(), "the spool's release was the last");
    }
}
