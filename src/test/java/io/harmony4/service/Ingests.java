package io.harmony4.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Driving a {@link BodyIngest} in tests as the HTTP layer does, and what it must leave behind. */
final class Ingests {
    private Ingests() {}

    /** Offers a buffer: when refused, waits for {@code room} (the ingest's resume callback) and retries. */
    static void offer(BodyIngest<?> ingest, ByteBuffer buffer, Semaphore room) throws InterruptedException {
        if (!ingest.take(buffer)) {
            do {
                assertTrue(room.tryAcquire(30, TimeUnit.SECONDS), "room never came");
            } while (!ingest.retry());
        }
    }

    /** Offers all of {@code body}, in buffers of the sizes given in turn, then ends it. */
    static void offerAll(BodyIngest<?> ingest, byte[] body, Semaphore room, int... bufferSizes)
            throws InterruptedException {
        for (int at = 0, i = 0; at < body.length; i++) {
            int n = Math.min(bufferSizes[i % bufferSizes.length], body.length - at);
            offer(ingest, ByteBuffer.wrap(body, at, n), room);
            at += n;
        }
        ingest.end();
    }

    static void assertNoSpoolFiles(Path spoolDir) throws IOException {
        try (var files = Files.list(spoolDir)) {
            assertEquals(0, files.count());
        }
    }
}
