package io.harmony4.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A message's body taken buffer by buffer: whole, within the limit, and refused as soon as it passes it. */
class MessageIngestTest {
    private static final int LIMIT = 64 * 1024;

    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Feeds {@code body} in pieces of {@code piece} bytes (direct buffers, as the socket's), counting releases. */
    private static int feed(MessageIngest ingest, byte[] body, int piece) {
        AtomicInteger released = new AtomicInteger();
        for (int at = 0; at < body.length; at += piece) {
            int n = Math.min(piece, body.length - at);
            ByteBuffer buffer = ByteBuffer.allocateDirect(n).put(body, at, n).flip();
            assertTrue(ingest.take(buffer, released::incrementAndGet), "a message never pauses the socket");
            assertFalse(buffer.hasRemaining(), "copied whole");
        }
        return released.get();
    }

    @Test
    void aBodyWithItsLengthOrInChunksComesOutWholeEachBufferGivenBackOnceCopied() throws Exception {
        for (int size : new int[] {0, 1, 1000, 4096, 4097, 50_000, LIMIT}) {
            for (int piece : new int[] {1, 7, 1024, 16 * 1024}) {
                if (size / piece > 20_000) {
                    continue;
                }
                byte[] body = bytes(size, size * 31L + piece);
                for (long declared : new long[] {size, -1}) {
                    MessageIngest ingest = new MessageIngest(LIMIT, declared);
                    int released = feed(ingest, body, piece);
                    ingest.end();
                    assertArrayEquals(body, ingest.result().toCompletableFuture().get(),
                            size + " bytes in pieces of " + piece + ", declared " + declared);
                    assertEquals((size + piece - 1) / piece, released, "every buffer released once");
                }
            }
        }
    }

    @Test
    void aBodyShorterThanItDeclaredComesOutAsItCameNotPaddedToTheDeclaredLength() throws Exception {
        byte[] body = bytes(3000, 1);
        MessageIngest ingest = new MessageIngest(LIMIT, 5000);
        feed(ingest, body, 1000);
        ingest.end();
        assertArrayEquals(body, ingest.result().toCompletableFuture().get());
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeAByteIsRead() {
        SizeLimitException e = assertThrows(SizeLimitException.class, () -> new MessageIngest(LIMIT, LIMIT + 1L));
        assertEquals(SizeLimitException.Subject.MESSAGE, e.subject());
        assertEquals(LIMIT, e.limit());
        assertTrue(e.getMessage().contains("/v1/compress"), e.getMessage());
    }

    @Test
    void aChunkedBodyIsRefusedAtTheBufferThatPassesTheLimitWhichIsNotTaken() {
        MessageIngest ingest = new MessageIngest(LIMIT, -1);
        assertEquals(LIMIT / 1024, feed(ingest, bytes(LIMIT, 2), 1024), "up to the limit, taken");
        AtomicInteger released = new AtomicInteger();
        ByteBuffer past = ByteBuffer.wrap(new byte[] {1});
        assertThrows(SizeLimitException.class, () -> ingest.take(past, released::incrementAndGet));
        assertEquals(0, released.get(), "a buffer not taken is the caller's to give back");
        assertEquals(1, past.remaining());
        ingest.fail(MessageIngest.tooLarge(LIMIT));
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> ingest.result().toCompletableFuture().get());
        assertTrue(failed.getCause() instanceof SizeLimitException, failed.toString());
    }

    @Test
    void aBodyLongerThanItDeclaredGrowsWithinTheLimit() throws Exception {
        byte[] body = bytes(5000, 3);
        MessageIngest ingest = new MessageIngest(LIMIT, 100);
        feed(ingest, body, 999);
        ingest.end();
        assertArrayEquals(body, ingest.result().toCompletableFuture().get());
        MessageIngest over = new MessageIngest(LIMIT, 100);
        feed(over, Arrays.copyOf(body, 100), 100);
        assertThrows(SizeLimitException.class, () -> over.take(ByteBuffer.wrap(new byte[LIMIT]), () -> {}));
    }
}
