package io.harmony4.service;

import io.harmony4.container.H4mkRandomAccessReader;
import io.harmony4.container.InvalidRangeException;
import io.harmony4.container.LeadingBlocks;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens received containers for streamed answers ({@code delivery=streamed}, {@link StreamedContent}), and counts
 * what those answers hold, so that a client that leaves can be seen to give everything back.
 */
@ApplicationScoped
public class StreamedDecompression {
    private final ContainerService containers;
    private final BlockPool pool;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger blocksHeld = new AtomicInteger();
    private final AtomicLong blocksSent = new AtomicLong();

    StreamedDecompression(ContainerService containers, BlockPool pool) {
        this.containers = containers;
        this.pool = pool;
    }

    /**
     * Starts receiving a container that the HTTP layer feeds with the body's buffers as they arrive, for
     * {@link #open}; the range's signs are checked first, before a byte of the body is read.
     *
     * @param resume run when a refused buffer may be offered again ({@link BodyIngest#retry()})
     */
    public BodyIngest<StreamedContent> start(long offset, Long length, Runnable resume) {
        ContainerService.checkRange(offset, length);
        AtomicLong received = new AtomicLong();
        return new BodyEndClock<>(containers.startReading(resume, body -> open(body, offset, length, received)),
                received);
    }

    /**
     * Notes when the HTTP layer says the body is complete ({@link System#nanoTime}), so that the answer can tell how
     * long its first byte waited after the request's last: its content opens only after that, having read the body
     * to its end.
     */
    private record BodyEndClock<T>(BodyIngest<T> ingest, AtomicLong ended) implements BodyIngest<T> {
        @Override
        public boolean take(ByteBuffer buffer, Runnable release) {
            return ingest.take(buffer, release);
        }

        @Override
        public boolean retry() {
            return ingest.retry();
        }

        @Override
        public void end() {
            ended.set(System.nanoTime());
            ingest.end();
        }

        @Override
        public void fail(Throwable cause) {
            ingest.fail(cause);
        }

        @Override
        public CompletionStage<T> result() {
            return ingest.result();
        }
    }

    /**
     * Receives the container (within the request size limit) and checks its preamble, HEAD, TAIL, SEEK and content
     * root, and the range, before any block is sent; the range is bytes {@code [offset, offset + length)},
     * {@code length} null meaning to the end. The range's first blocks, as many as one answer holds, are decoded
     * while the rest of the container arrives ({@link LeadingBlocks}), so that its first byte need not wait for a
     * decode once TAIL is in; each is taken only if SEEK agrees with it. The first is taken and checked here, and
     * the next ones start decoding, before the answer starts ({@link StreamedContent#prepare}).
     *
     * @throws io.harmony4.container.CorruptContainerException the checks, or the range's first block, failed
     * @throws InvalidParameterException a version 1 container: its blocks have no SHA-256 to check each against
     */
    private StreamedContent open(InputStream body, long offset, Long length, AtomicLong received) throws IOException {
        LeadingBlocks leading = containers.leadingBlocks(offset, length, pool.parallelism());
        Spool container;
        try {
            container = containers.receive(leading.watch(body));
        } catch (IOException | RuntimeException | Error e) {
            leading.close();
            throw e;
        }
        Spool.Source source = null;
        StreamedContent content;
        try {
            source = container.openSource();
            H4mkRandomAccessReader reader = containers.openReader(source);
            if (!reader.sha256Verified()) {
                throw new InvalidParameterException("delivery", "delivery=streamed sends each block once its SHA-256 "
                        + "matches SEEK; this is an H4MK version " + reader.version() + " container, whose blocks "
                        + "have none: ask for delivery=verified, which checks the content's SHA-256 before the answer");
            }
            long contentSize = reader.contentSize();
            long n = length != null ? length : Math.max(0, contentSize - offset);
            if (offset > contentSize || n > contentSize - offset) {
                throw new InvalidRangeException(offset, n, contentSize);
            }
            open.incrementAndGet();
            content = new StreamedContent(container, source, reader, leading, containers.decodedBlockMemory(),
                    offset, n, received.get(), pool.executor(), pool.parallelism(), blocksHeld, blocksSent,
                    open::decrementAndGet);
        } catch (IOException | RuntimeException | Error e) {
            leading.close();
            try (container) {
                if (source != null) {
                    source.close();
                }
            }
            throw e;
        }
        try {
            content.prepare();
            return content;
        } catch (IOException | RuntimeException | Error e) {
            content.close();
            throw e;
        }
    }

    /** Streamed answers whose container, reader or blocks are still held. */
    public int open() {
        return open.get();
    }

    /** Decoded blocks streamed answers hold: being decoded ahead, or being written. */
    public int blocksHeld() {
        return blocksHeld.get();
    }

    /** The most blocks one answer holds: the block pool's parallelism (decoded ahead while one is written). */
    public int blocksPerAnswer() {
        return pool.parallelism();
    }

    /** Blocks written to streamed answers since start, all answers together. */
    public long blocksSent() {
        return blocksSent.get();
    }
}
