package io.harmony4.service;

import io.harmony4.container.ContainerHeader;
import io.harmony4.container.H4mkRandomAccessReader;
import io.harmony4.container.InvalidRangeException;
import io.harmony4.container.RandomAccessSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
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
        return containers.startReading(resume, body -> open(body, offset, length));
    }

    /**
     * Receives the container (within the request size limit) and checks its preamble, HEAD, TAIL, SEEK and content
     * root, and the range, before any block is decoded; the range is bytes {@code [offset, offset + length)},
     * {@code length} null meaning to the end.
     *
     * @throws InvalidParameterException a version 1 container: its blocks have no SHA-256 to check each against
     */
    private StreamedContent open(InputStream body, long offset, Long length) throws IOException {
        Spool container = containers.receive(body);
        FileChannel channel = null;
        try {
            Path file = container.fileOrNull();
            channel = file == null ? null : FileChannel.open(file);
            H4mkRandomAccessReader reader = containers.openReader(channel == null
                    ? RandomAccessSource.of(container.segmentsOrNull()) : RandomAccessSource.of(channel));
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
            return new StreamedContent(container, channel, reader, offset, n, pool.executor(), pool.parallelism(),
                    blocksHeld, blocksSent, open::decrementAndGet);
        } catch (IOException | RuntimeException | Error e) {
            if (channel != null) {
                channel.close();
            }
            container.close();
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

    /** The engines a container's HEAD names, as the answer's engine header lists them. */
    static java.util.List<String> engines(ContainerHeader header) {
        return header.codecs().stream().map(ContainerHeader.Codec::engineId).toList();
    }
}
