package io.harmony4.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.digest.Sha256;
import io.harmony4.engine.TestData;
import io.harmony4.engine.TestEngines;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 1 GiB through the streaming writer and reader at once, joined by a pipe, in a JVM with a 256 MiB heap (the
 * {@code large-stream} surefire execution): memory is bounded by block size and parallelism, not by input size.
 */
@Tag("large")
class H4mkLargeStreamTest {
    private static final long SIZE = 1L << 30;

    @Test
    void oneGibibyteStreamsThroughWriterAndReaderInASmallHeap() throws Exception {
        assertTrue(Runtime.getRuntime().maxMemory() <= 300L << 20,
                "run this in the large-stream execution (-Xmx256m), heap is " + Runtime.getRuntime().maxMemory());
        byte[] pattern = TestData.text(4 << 20, 99);
        MessageDigest written = Sha256.newDigest();
        PipedInputStream pipeIn = new PipedInputStream(1 << 20);
        PipedOutputStream pipeOut = new PipedOutputStream(pipeIn);

        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            try (OutputStream w = new H4mkWriter(pipeOut, TestEngines.core(), H4mkWriter.DEFAULT_BLOCK_SIZE,
                    Containers.POOL, 2)) {
                byte[] piece = pattern.clone();
                for (long done = 0; done < SIZE; done += piece.length) {
                    piece[(int) (done / piece.length) % piece.length] ^= 0x55; // no two pieces alike
                    written.update(piece);
                    w.write(piece);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        MessageDigest read = Sha256.newDigest();
        long total = 0;
        try (H4mkInputStream in = new H4mkInputStream(pipeIn, Containers.ALL, ContainerLimits.DEFAULT,
                Containers.POOL, 2, H4mkInputStream.Mode.DECODE, ContainerVisitor.NONE)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                read.update(buf, 0, n);
                total += n;
            }
        }
        producer.join();
        assertEquals(SIZE, total);
        assertArrayEquals(written.digest(), read.digest());
    }
}
