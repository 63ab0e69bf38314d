package io.harmony4.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.engine.TestData;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The echo baseline's body: buffers in, the same bytes out in arrays of at most a block, within its limits. */
class HeldBodyTest {
    private static final int BLOCK = 4096;

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void buffersOfAnySizeComeBackInOrderInArraysOfAtMostABlock(boolean lengthDeclared) {
        for (byte[] content : new byte[][] {new byte[0], TestData.text(10, 1), TestData.random(5 * BLOCK + 123, 2),
                TestData.random(3 * BLOCK, 3)}) {
            HeldBody body = new HeldBody(BLOCK, Long.MAX_VALUE, new MemoryBudget(Long.MAX_VALUE),
                    lengthDeclared ? content.length : -1);
            int[] sizes = {1, 7, 1000, 5000, BLOCK, 3 * BLOCK};
            for (int at = 0, i = 0; at < content.length; i++) {
                int n = Math.min(sizes[i % sizes.length], content.length - at);
                body.take(ByteBuffer.wrap(content, at, n));
                at += n;
            }
            List<ByteBuffer> blocks = body.blocks();
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            for (ByteBuffer block : blocks) {
                assertTrue(block.remaining() <= BLOCK && block.remaining() > 0, "a block of " + block.remaining());
                back.write(block.array(), block.arrayOffset() + block.position(), block.remaining());
            }
            assertArrayEquals(content, back.toByteArray(), content.length + " bytes");
            assertEquals((content.length + BLOCK - 1) / BLOCK, blocks.size(), "blocks of " + content.length);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aDeclaredBodyShorterThanABlockTakesAnArrayOfItsOwnSize(boolean atOnce) {
        byte[] content = TestData.text(100, 4);
        HeldBody body = new HeldBody(BLOCK, Long.MAX_VALUE, new MemoryBudget(Long.MAX_VALUE), content.length);
        if (atOnce) {
            body.take(ByteBuffer.wrap(content));
        } else {
            body.take(ByteBuffer.wrap(content, 0, 60));
            body.take(ByteBuffer.wrap(content, 60, 40));
        }
        ByteBuffer only = body.blocks().getFirst();
        assertEquals(content.length, only.array().length);
        assertArrayEquals(content, only.array());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aBodyPastTheRequestLimitIsRefused(boolean lengthDeclared) {
        HeldBody body = new HeldBody(BLOCK, 1000, new MemoryBudget(Long.MAX_VALUE), lengthDeclared ? 1000 : -1);
        body.take(ByteBuffer.wrap(new byte[1000]));
        RequestTooLargeException e = assertThrows(RequestTooLargeException.class,
                () -> body.take(ByteBuffer.wrap(new byte[1])));
        assertEquals(1000, e.limit());
        assertTrue(e.getMessage().contains("harmony4.limits.max-request-size"), e.getMessage());
        assertThrows(RequestTooLargeException.class,
                () -> new HeldBody(BLOCK, 1000, new MemoryBudget(Long.MAX_VALUE), 1001));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void bodiesHeldAtOnceStayWithinTheBudgetAndGiveItBackWhenReleased(boolean lengthDeclared) {
        MemoryBudget held = new MemoryBudget(3000);
        HeldBody first = new HeldBody(BLOCK, Long.MAX_VALUE, held, lengthDeclared ? 2000 : -1);
        first.take(ByteBuffer.wrap(new byte[2000]));
        assertEquals(1000, held.available());
        // a second body fits in what is left, and no more
        HeldBody second = new HeldBody(BLOCK, Long.MAX_VALUE, held, -1);
        second.take(ByteBuffer.wrap(new byte[1000]));
        RequestTooLargeException e = assertThrows(RequestTooLargeException.class,
                () -> second.take(ByteBuffer.wrap(new byte[1])));
        assertEquals(3000, e.limit());
        assertTrue(e.getMessage().contains("harmony4.spool.memory-budget"), e.getMessage());
        assertThrows(RequestTooLargeException.class, () -> new HeldBody(BLOCK, Long.MAX_VALUE, held, 1));
        assertEquals(0, held.available(), "a refused body holds nothing");

        first.release();
        second.release();
        second.release(); // an exchange that ends twice gives back once
        assertEquals(3000, held.available());
        new HeldBody(BLOCK, Long.MAX_VALUE, held, 3000).take(ByteBuffer.wrap(new byte[3000]));
        assertEquals(0, held.available());
    }
}
