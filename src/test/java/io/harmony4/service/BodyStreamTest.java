package io.harmony4.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.engine.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A body fed on the event loop, read as a stream by one thread: in order, bounded, and stopped when it must. */
class BodyStreamTest {
    private final Semaphore resumed = new Semaphore(0);
    private int taken;
    private final AtomicInteger released = new AtomicInteger();

    /** Queues a buffer whose release is counted, as the HTTP layer's socket buffers are given back. */
    private boolean take(BodyStream body, ByteBuffer buffer) {
        taken++;
        return body.take(buffer, released::incrementAndGet);
    }

    @Test
    void theReaderGetsTheBytesInOrderWhateverTheBufferSizes() throws Exception {
        byte[] content = TestData.text(3 * BodyStream.BOUND + 12345, 1);
        BodyStream body = new BodyStream(Long.MAX_VALUE, resumed::release);
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try {
                return body.readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        int[] sizes = {1, 7, 65536, 1000, 300_000};
        for (int at = 0, i = 0; at < content.length; i++) {
            int n = Math.min(sizes[i % sizes.length], content.length - at);
            if (!take(body, ByteBuffer.wrap(content, at, n))) {
                do {
                    assertTrue(resumed.tryAcquire(30, TimeUnit.SECONDS), "the reader makes room");
                } while (!body.retry());
            }
            at += n;
        }
        body.end();
        assertArrayEquals(content, read.get(30, TimeUnit.SECONDS));
        assertEquals(taken, released.get(), "each buffer released once it was read");
    }

    @Test
    void aFullQueuePausesTheSocketUntilTheReaderTakesFromIt() throws Exception {
        BodyStream body = new BodyStream(Long.MAX_VALUE, resumed::release);
        int buffers = 0;
        while (take(body, ByteBuffer.wrap(new byte[64 * 1024]))) {
            buffers++;
        }
        assertEquals(BodyStream.BOUND / (64 * 1024) - 1, buffers, "refused once a block's worth is queued");
        assertFalse(body.retry(), "still full");
        assertFalse(resumed.tryAcquire(100, TimeUnit.MILLISECONDS), "no room while nothing is read");
        assertEquals(64 * 1024, body.read(new byte[64 * 1024]));
        assertTrue(resumed.tryAcquire(1, TimeUnit.SECONDS), "room once the reader took some");
        assertTrue(body.retry());
    }

    @Test
    void aBodyPastTheLimitIsRefusedAndTheReaderFailsWithTheLimit() {
        BodyStream body = new BodyStream(100, resumed::release);
        assertTrue(take(body, ByteBuffer.wrap(new byte[60])));
        RequestTooLargeException refused = assertThrows(RequestTooLargeException.class,
                () -> take(body, ByteBuffer.wrap(new byte[60])));
        body.fail(refused); // as the HTTP layer does with what take threw
        assertThrows(RequestTooLargeException.class, () -> body.readAllBytes());
    }

    @Test
    void aReaderThatIsDoneResumesTheSocketAndTheRestIsDropped() throws Exception {
        BodyStream body = new BodyStream(Long.MAX_VALUE, resumed::release);
        while (take(body, ByteBuffer.wrap(new byte[64 * 1024]))) {
            // fill the queue
        }
        body.discard();
        assertTrue(resumed.tryAcquire(1, TimeUnit.SECONDS), "a paused socket goes on, to drop the rest");
        assertTrue(body.retry());
        for (int i = 0; i < 100; i++) {
            assertTrue(take(body, ByteBuffer.wrap(new byte[64 * 1024])), "dropped, never paused");
        }
        assertEquals(taken, released.get(), "what was queued and what came after released once each");
    }

    @Test
    void transferToHandsOverEveryByte() throws Exception {
        byte[] content = TestData.random(200_000, 2);
        BodyStream body = new BodyStream(Long.MAX_VALUE, resumed::release);
        take(body, ByteBuffer.wrap(content, 0, 150_000));
        take(body, ByteBuffer.wrap(content, 150_000, 50_000));
        body.end();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(content.length, body.transferTo(out));
        assertArrayEquals(content, out.toByteArray());
        assertEquals(2, released.get());
    }
}
