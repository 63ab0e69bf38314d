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

    static void assertNoSpoolFiles(Path spoolDir) throws IOException {
        try (var files = Files.list(spoolDir)) {
            assertEquals(0, files.count());
        }
    }
}
