package io.harmony4.service;

import io.harmony4.container.H4mkWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One compression fed with the body's buffers as the HTTP layer receives them, on its event loop: each buffer is
 * copied once, straight into the block it belongs to, and every complete block goes to the container writer, which
 * runs on a thread of its own and starts the block pool on it at once. Blocks are assembled in a few arrays that this
 * request recycles ({@link #arraysPerRequest}), so the memory of a request is bounded and reused arrays are never
 * zeroed again; whole-block arrays come from, and once the container is complete go back to, the {@link BlockArrays}
 * that requests share. When all are in use, {@link #take}
 * answers false and keeps what it could not place: the caller stops reading until the {@code resume} callback runs.
 * The core reads the arrays in place (heap segments passed to critical downcalls), so a body byte is copied once on
 * its way from the socket buffer to the engine.
 */
public final class CompressionIngest implements BodyIngest<ContainerService.Compressed> {
    /** The first array of a body of unknown length starts this small and grows, so small bodies stay cheap. */
    private static final int FIRST_ARRAY = 64 * 1024;
    private static final Block END = new Block(new byte[0], 0);

    private record Block(byte[] data, int size) {}

    /** A buffer not yet placed whole, and what gives it back once it is. */
    private record Waiting(ByteBuffer buffer, Runnable release) {}

    /** Holds the container until it is complete; null when it goes straight to {@link #target}. */
    private final Spool spool;
    private final OutputStream target;
    private final CompressOptions options;
    private final Executor blockPool;
    private final BlockArrays shared;
    private final int parallelism;
    private final long maxRequestSize;
    private final long declaredLength;
    private final Runnable resume;
    private final int blockSize;
    private final int arrays;
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();
    private final LinkedBlockingQueue<Block> handedOver = new LinkedBlockingQueue<>();
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private final CompletableFuture<ContainerService.Compressed> result = new CompletableFuture<>();
    private int allocated;
    private byte[] filling;
    private int fill;
    private long received;
    /** Body bytes copied into arrays so far. */
    private long placed;
    private boolean stalled;
    private boolean ended;
    private volatile Throwable failure;

    /**
     * @param spool          where the container is written, or null when it is written to {@code target} instead
     * @param target         the spool, or where the container goes as it is made (a streamed answer): each chunk
     *                       once its block is compressed, in order
     * @param shared         whole-block arrays kept between requests, used when their size is this request's block size
     * @param declaredLength the body's {@code Content-Length}, or -1 when it is sent in chunks
     * @param resume         run (on any thread) when {@link #take} refused a buffer and an array is free again: the
     *                       caller should then call {@link #retry()} on its event loop
     */
    CompressionIngest(Spool spool, OutputStream target, CompressOptions options, Executor blockPool,
            BlockArrays shared, int parallelism, long maxRequestSize, long declaredLength, Runnable resume) {
        this.spool = spool;
        this.target = target;
        this.options = options;
        this.blockPool = blockPool;
        this.shared = shared;
        this.parallelism = parallelism;
        this.maxRequestSize = maxRequestSize;
        this.declaredLength = declaredLength;
        this.resume = resume;
        this.blockSize = options.blockSize();
        this.arrays = arraysPerRequest(parallelism);
    }

    /** Arrays one request fills at once: the writer's look-ahead (2 × parallelism), one handed over, one filling. */
    static int arraysPerRequest(int parallelism) {
        return 2 * parallelism + 2;
    }

    /** Arrays this request may fill at once, each of at most a block. */
    int arrayBound() {
        return arrays;
    }

    /** Starts the writer on a virtual thread: it waits for blocks, then in the block pool for their compression. */
    void start() {
        Thread.ofVirtual().name("harmony4-compress-ingest").start(this::writeAll);
    }

    /** The container, once the body ended and every block is written; fails as the request does. */
    public CompletionStage<ContainerService.Compressed> result() {
        return result;
    }

    /**
     * Copies {@code buffer} into blocks, handing over each one that fills up, and releases it once copied whole.
     *
     * @return false when every array is in use: the rest of the buffer waits here, and nothing more should be
     *     offered until {@code resume} ran and {@link #retry()} answered true
     * @throws RequestTooLargeException once the body passes the request size limit
     */
    public synchronized boolean take(ByteBuffer buffer, Runnable release) {
        received += buffer.remaining();
        if (received > maxRequestSize) {
            throw new RequestTooLargeException(maxRequestSize);
        }
        if (failure != null) {
            release.run(); // the work stopped: nothing more is placed
            return true;
        }
        if (!waiting.isEmpty() || !copy(buffer)) {
            waiting.add(new Waiting(buffer, release));
            return false;
        }
        release.run();
        return true;
    }

    /** Places what {@link #take} kept, now that an array may be free; true when all of it is placed. */
    public synchronized boolean retry() {
        while (!waiting.isEmpty()) {
            if (failure != null || !copy(waiting.peek().buffer())) {
                return false;
            }
            waiting.remove().release().run();
        }
        if (ended) {
            finishBody();
        }
        return true;
    }

    /** The body is complete: the last block goes, then the seek table and the trailer. */
    public synchronized void end() {
        ended = true;
        if (waiting.isEmpty()) {
            finishBody();
        }
    }

    /**
     * The request failed (the client left, the body was refused) or its exchange ended: the writer stops if it still
     * runs (the spool is then deleted), and buffers still waiting to be placed are released.
     */
    public void fail(Throwable cause) {
        synchronized (this) {
            if (failure == null) {
                failure = cause;
            }
            for (Waiting dropped; (dropped = waiting.poll()) != null; ) {
                dropped.release().run();
            }
        }
        handedOver.add(END);
    }

    private void finishBody() {
        if (fill > 0) {
            handOver(filling, fill);
            filling = null;
            fill = 0;
        }
        handedOver.add(END);
    }

    /** Copies as much as arrays allow; false, with the buffer's position advanced, when none is left to fill. */
    private boolean copy(ByteBuffer buffer) {
        while (buffer.hasRemaining()) {
            if (filling == null && (filling = nextArray()) == null) {
                stalled = true;
                return false;
            }
            if (fill == filling.length && filling.length < blockSize) {
                filling = Arrays.copyOf(filling, (int) Math.min(blockSize, 2L * filling.length));
            }
            int n = Math.min(buffer.remaining(), filling.length - fill);
            buffer.get(filling, fill, n);
            fill += n;
            placed += n;
            if (fill == blockSize) {
                handOver(filling, fill);
                filling = null;
                fill = 0;
            }
        }
        return true;
    }

    /**
     * A free array, or another while fewer than the bound exist: as long as the rest of a declared body when that is
     * shorter than a block (a small body costs what it holds); else a whole block the requests share, or a new one
     * (for a body of unknown length, the first a small one that grows).
     */
    private byte[] nextArray() {
        byte[] reused = free.poll();
        if (reused != null || allocated == arrays) {
            return reused;
        }
        allocated++;
        if (declaredLength >= 0 && declaredLength - placed < blockSize) {
            return new byte[(int) Math.max(1, declaredLength - placed)];
        }
        byte[] kept = sharesArrays() ? shared.poll() : null;
        if (kept != null) {
            return kept;
        }
        return new byte[declaredLength < 0 && allocated == 1 ? Math.min(blockSize, FIRST_ARRAY) : blockSize];
    }

    private boolean sharesArrays() {
        return shared.arraySize() == blockSize;
    }

    /**
     * Once the container is complete, no block task reads the arrays any more: the whole-block ones go to the next
     * request. Every array this request made is free by then, since each block's release ran before
     * {@link H4mkWriter#finish} returned.
     */
    private synchronized void giveBackArrays() {
        if (sharesArrays()) {
            for (byte[] array; (array = free.poll()) != null; ) {
                shared.giveBack(array);
            }
        }
    }

    private void handOver(byte[] data, int size) {
        handedOver.add(new Block(data, size));
    }

    /** On the writer's thread, once the block's chunk is written: the array may be filled again. */
    private void release(byte[] data) {
        boolean wake;
        synchronized (this) {
            if (data.length == blockSize) {
                free.add(data);
            } else {
                allocated--; // a short array ends a body; the next new one is a whole block
            }
            wake = stalled;
            stalled = false;
        }
        if (wake) {
            resume.run();
        }
    }

    private void writeAll() {
        H4mkWriter writer = null;
        try {
            writer = new H4mkWriter(target, options.engine(), blockSize, blockPool, parallelism,
                    options.filters());
            for (Block block = handedOver.take(); block != END && failure == null; block = handedOver.take()) {
                byte[] data = block.data();
                writer.writeBlock(data, block.size(), () -> release(data));
            }
            if (failure != null) {
                throw failure;
            }
            writer.finish();
            giveBackArrays();
            result.complete(new ContainerService.Compressed(spool, writer.contentSize(),
                    HexFormat.of().formatHex(writer.contentRoot())));
        } catch (Throwable e) {
            if (writer != null) {
                writer.abort();
            }
            try {
                if (spool != null) {
                    spool.close();
                }
            } catch (IOException | RuntimeException closing) {
                e.addSuppressed(closing);
            }
            result.completeExceptionally(failure != null ? failure : e);
        }
    }
}
