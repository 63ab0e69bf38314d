package io.harmony4.service;

import io.harmony4.container.H4mkRandomAccessReader;
import io.harmony4.container.LeadingBlocks;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A received container whose TAIL, SEEK and content root passed, to be sent block by block: {@link #writeTo} decodes
 * the blocks of the range on the block pool, a few ahead (the first ones were decoded as the container arrived:
 * {@link LeadingBlocks}), and writes each once its SHA-256 matched SEEK, in order.
 * So every byte written is verified, and a block that fails stops the writing with its error: the answer then ends
 * short. What waits on the writes (a slow reader) waits with at most {@code lookAhead} blocks decoded: the block
 * pool's parallelism, one of them being written.
 */
public final class StreamedContent implements AutoCloseable {
    private final Spool container;
    private final Spool.Source source;
    private final H4mkRandomAccessReader reader;
    private final LeadingBlocks leading;
    private final long offset;
    private final long length;
    private final long bodyReceived;
    private final Executor pool;
    private final int lookAhead;
    private final AtomicInteger blocksHeld;
    private final AtomicLong blocksSent;
    private final Runnable released;
    private final ArrayDeque<CompletableFuture<byte[]>> ahead = new ArrayDeque<>();
    private boolean closed;

    StreamedContent(Spool container, Spool.Source source, H4mkRandomAccessReader reader, LeadingBlocks leading,
            long offset, long length, long bodyReceived, Executor pool, int lookAhead, AtomicInteger blocksHeld,
            AtomicLong blocksSent, Runnable released) {
        this.container = container;
        this.source = source;
        this.reader = reader;
        this.leading = leading;
        this.offset = offset;
        this.length = length;
        this.bodyReceived = bodyReceived;
        this.pool = pool;
        this.lookAhead = lookAhead;
        this.blocksHeld = blocksHeld;
        this.blocksSent = blocksSent;
        this.released = released;
    }

    /** Bytes {@link #writeTo} writes when every block passes: the answer's Content-Length. */
    public long length() {
        return length;
    }

    /** When the request body's last byte was received, as {@link System#nanoTime}. */
    public long bodyReceivedNanos() {
        return bodyReceived;
    }

    /** The container's size, as received. */
    public long containerSize() {
        return container.size();
    }

    /** The content root, checked against SEEK, hex. */
    public String root() {
        return HexFormat.of().formatHex(reader.contentRoot());
    }

    /** The engines that made the blocks, as the container's HEAD names them. */
    public List<String> engines() {
        return StreamedDecompression.engines(reader.header());
    }

    /**
     * Writes the range's bytes to {@code out}, block by block, each once verified.
     *
     * @throws io.harmony4.container.CorruptContainerException a block that fails its checks: nothing of it was written
     * @throws IOException                                       {@code out} failed (the client left)
     */
    public void writeTo(OutputStream out) throws IOException {
        if (length == 0) {
            return;
        }
        long blockSize = reader.header().blockSize();
        int first = (int) (offset / blockSize);
        int last = (int) ((offset + length - 1) / blockSize);
        int next = first;
        for (int i = first; i <= last; i++) {
            while (next <= last && ahead.size() < lookAhead) {
                ahead.add(decode(next++));
            }
            byte[] block = take(ahead.remove());
            try {
                long blockStart = i * blockSize;
                int from = (int) Math.max(0, offset - blockStart);
                int to = (int) Math.min(block.length, offset + length - blockStart);
                out.write(block, from, to - from);
                blocksSent.incrementAndGet();
            } finally {
                blocksHeld.decrementAndGet();
            }
        }
    }

    /** Block {@code i}, decoded while the container arrived when it was one of the first, else now. */
    private CompletableFuture<byte[]> decode(int i) {
        blocksHeld.incrementAndGet();
        return leading.take(reader.chunkOffset(i)).thenApplyAsync(early -> {
            try {
                return reader.block(i, early);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, pool);
    }

    private byte[] take(CompletableFuture<byte[]> block) throws IOException {
        try {
            return block.get();
        } catch (InterruptedException e) {
            blocksHeld.decrementAndGet();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while decoding a block");
        } catch (ExecutionException e) {
            blocksHeld.decrementAndGet();
            Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
            switch (cause) {
                case IOException io -> throw io;
                case RuntimeException r -> throw r;
                case Error err -> throw err;
                default -> throw new IOException(cause);
            }
        }
    }

    /**
     * Gives back the received container and the blocks decoded ahead, once those decodes have ended (a decode that
     * started runs to its end; none starts after this): safe to call more than once.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        leading.close();
        CompletableFuture<?>[] pending = ahead.toArray(CompletableFuture[]::new);
        ahead.clear();
        for (CompletableFuture<?> block : pending) {
            block.whenComplete((b, e) -> blocksHeld.decrementAndGet());
        }
        CompletableFuture.allOf(pending).whenComplete((v, e) -> {
            try {
                try {
                    source.close();
                } finally {
                    container.close();
                }
            } catch (IOException ignored) {
                // best effort: the spool file is gone or its folder is
            } finally {
                released.run();
            }
        });
    }
}
