package io.harmony4.service;

import io.harmony4.container.BlockTasks;
import io.harmony4.container.H4mkRandomAccessReader;
import io.harmony4.container.LeadingBlocks;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A received container whose TAIL, SEEK and content root passed, to be sent block by block, each block once its
 * SHA-256 matched SEEK, in order: so every byte sent is verified. The range's first block is taken on the thread that
 * ran the checks ({@link #prepare}), from the blocks decoded as the container arrived ({@link LeadingBlocks}) or
 * decoded there, before the answer starts: the first byte waits for no other thread, and a first block that fails is
 * a problem answer, not an answer cut short. The others are decoded on the block pool, a few ahead, and handed out by
 * {@link #next}; a block that fails stops the answer there with its error.
 *
 * <p>Blocks that can be are decoded into the direct memory the default delivery decodes into ({@link
 * DecodedBlockMemory}) and handed out as they are, to be written to the socket without a copy; the others (version 1
 * cannot stream, a filtered block, the reference engine) are arrays, wrapped. Each piece handed out is its taker's
 * until it gives it back ({@link #giveBack}), written or not. What waits on the writes (a slow reader) waits with at
 * most {@code lookAhead} blocks decoded and not given back: the block pool's parallelism, one of them being written.
 */
public final class StreamedContent implements AutoCloseable {
    private final Spool container;
    private final Spool.Source source;
    private final H4mkRandomAccessReader reader;
    private final LeadingBlocks leading;
    private final DecodedBlockMemory memory;
    private final long offset;
    private final long length;
    private final long bodyReceived;
    private final Executor pool;
    private final int lookAhead;
    private final AtomicInteger blocksHeld;
    private final AtomicLong blocksSent;
    private final Runnable released;
    private final long blockSize;
    private final int lastBlock;
    /** Blocks being decoded on the pool, in order, the next one to hand out first. */
    private final ArrayDeque<CompletableFuture<ByteBuf>> ahead = new ArrayDeque<>();
    /** The range's first piece, verified, until the answer takes it. */
    private ByteBuf first;
    /** The next block to hand out, and the next to start decoding. */
    private int nextOut;
    private int nextDecode;
    private volatile boolean closed;

    StreamedContent(Spool container, Spool.Source source, H4mkRandomAccessReader reader, LeadingBlocks leading,
            DecodedBlockMemory memory, long offset, long length, long bodyReceived, Executor pool, int lookAhead,
            AtomicInteger blocksHeld, AtomicLong blocksSent, Runnable released) {
        this.container = container;
        this.source = source;
        this.reader = reader;
        this.leading = leading;
        this.memory = memory;
        this.offset = offset;
        this.length = length;
        this.bodyReceived = bodyReceived;
        this.pool = pool;
        this.lookAhead = lookAhead;
        this.blocksHeld = blocksHeld;
        this.blocksSent = blocksSent;
        this.released = released;
        this.blockSize = reader.header().blockSize();
        this.nextOut = (int) (offset / blockSize);
        this.lastBlock = length == 0 ? nextOut - 1 : (int) ((offset + length - 1) / blockSize);
        this.nextDecode = nextOut;
    }

    /** Bytes the pieces hold together when every block passes: the answer's Content-Length. */
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
        return reader.header().engineIds();
    }

    /**
     * On the thread that ran the checks, before the answer starts: takes the range's first block (decoded while the
     * container arrived, else decoded here) and checks it against SEEK, then starts decoding the next ones on the
     * block pool.
     *
     * @throws io.harmony4.container.CorruptContainerException the first block fails its checks: nothing was sent
     */
    void prepare() throws IOException {
        if (nextOut > lastBlock) {
            return;
        }
        blocksHeld.incrementAndGet();
        try {
            first = piece(nextOut, await(leading.take(reader.chunkOffset(nextOut))));
        } catch (IOException | RuntimeException | Error e) {
            blocksHeld.decrementAndGet();
            throw e;
        }
        nextOut++;
        nextDecode = nextOut;
        decodeAhead(lookAhead - 1); // the first piece is one of the blocks this answer holds
    }

    /**
     * The range's first piece, verified, once: the taker sends it and gives it back; null when the range is empty or
     * it was taken.
     */
    public synchronized ByteBuf takeFirst() {
        ByteBuf piece = first;
        first = null;
        return piece;
    }

    /**
     * The next piece, once its block is decoded and verified (waiting for it), for the taker to send and give back;
     * null after the range's last. To be called by one thread, once the pieces before were given back.
     *
     * @throws io.harmony4.container.CorruptContainerException a block that fails its checks: the answer ends here
     */
    public ByteBuf next() throws IOException {
        if (nextOut > lastBlock) {
            return null;
        }
        decodeAhead(lookAhead);
        // taken off the queue, and counted, only once decoded: if the wait is interrupted, close() still finds it and
        // gives it back, and a next call hands it out
        ByteBuf piece = await(ahead.peek());
        ahead.remove();
        nextOut++;
        return piece;
    }

    /** A piece handed out goes back (to the decoded block memory, when it is a block of it), written or not. */
    public void giveBack(ByteBuf piece) {
        piece.release();
        blocksHeld.decrementAndGet();
    }

    /** A piece handed out was written to the connection. */
    public void sent() {
        blocksSent.incrementAndGet();
    }

    /** Starts decoding the blocks after those started, until {@code held} are decoding or decoded here. */
    private void decodeAhead(int held) {
        while (nextDecode <= lastBlock && ahead.size() < held) {
            ahead.add(decode(nextDecode++));
        }
    }

    /** Block {@code i}, decoded while the container arrived when it was one of the first, else on the pool now. */
    private CompletableFuture<ByteBuf> decode(int i) {
        blocksHeld.incrementAndGet();
        CompletableFuture<ByteBuf> block = leading.take(reader.chunkOffset(i)).thenCompose(early -> onPool(i, early));
        block.whenComplete((piece, e) -> {
            if (e != null) {
                blocksHeld.decrementAndGet(); // a block that failed is held by no one
            }
        });
        return block;
    }

    /**
     * Block {@code i} made a piece on the pool, from {@code early} when it was decoded early. A task the pool can
     * cancel ({@link BlockTasks}): one it drops at shutdown fails the block, rather than leave {@link #next} waiting.
     */
    private CompletableFuture<ByteBuf> onPool(int i, LeadingBlocks.Decoded early) {
        return BlockTasks.supply(() -> {
            if (closed) {
                leading.giveBack(early);
                throw new CancellationException("the answer ended"); // decodes nothing for an answer that ended
            }
            try {
                return piece(i, early);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, pool);
    }

    /** Block {@code i}, verified, as the part of it the range covers. */
    private ByteBuf piece(int i, LeadingBlocks.Decoded early) throws IOException {
        ByteBuf block = reader.block(i, early, memory, Unpooled::wrappedBuffer);
        long blockStart = i * blockSize;
        int from = (int) Math.max(0, offset - blockStart);
        int to = (int) Math.min(block.capacity(), offset + length - blockStart);
        return block.setIndex(from, to);
    }

    private static <T> T await(CompletableFuture<T> step) throws IOException {
        try {
            return step.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while decoding a block");
        } catch (ExecutionException e) {
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
     * Gives back the received container, the first piece when no answer took it, and the blocks decoded ahead, once
     * those decodes have ended (a decode that started runs to its end; none starts after this): safe to call more
     * than once.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        leading.close();
        if (first != null) {
            giveBack(first);
            first = null;
        }
        CompletableFuture<?>[] pending = ahead.toArray(CompletableFuture[]::new);
        for (CompletableFuture<ByteBuf> block : ahead) {
            block.thenAccept(this::giveBack);
        }
        ahead.clear();
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
