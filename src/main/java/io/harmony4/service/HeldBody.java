package io.harmony4.service;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A request's body held in memory as the HTTP layer receives it, on its event loop, for the echo baseline of the
 * benchmarks: each buffer is copied once into arrays of at most a block, as {@link CompressionIngest} places a body,
 * and the arrays are handed back as they are, so that the answer can be sent from them without another copy.
 * Nothing frees an array before the answer is sent, so the whole body must fit: it is refused past the request size
 * limit, or once it finds no room in the memory budget that held results share ({@code harmony4.spool.memory-budget});
 * {@link #release} gives its share back when the exchange ends.
 */
public final class HeldBody {
    /** The first array of a body of unknown length starts this small and grows, so small bodies stay cheap. */
    private static final int FIRST_ARRAY = 64 * 1024;

    private final int blockSize;
    private final long maxRequestSize;
    private final MemoryBudget budget;
    private final long declaredLength;
    private final List<ByteBuffer> full = new ArrayList<>();
    private byte[] filling;
    private int fill;
    private long received;
    /** Bytes of the budget this body holds. */
    private long reserved;
    /** Bytes in the arrays of {@link #full}. */
    private long inFull;
    /** Memory of the buffers the caller holds itself ({@link #count}). */
    private long heldElsewhere;

    /**
     * @param budget         the memory held results share
     * @param declaredLength the body's {@code Content-Length}, or -1 when it is sent in chunks
     * @throws RequestTooLargeException when the declared length is above a limit already
     */
    HeldBody(int blockSize, long maxRequestSize, MemoryBudget budget, long declaredLength) {
        this.blockSize = blockSize;
        this.maxRequestSize = maxRequestSize;
        this.budget = budget;
        this.declaredLength = declaredLength;
        if (declaredLength > maxRequestSize) {
            throw new RequestTooLargeException(maxRequestSize);
        }
        reserve(Math.max(0, declaredLength));
    }

    /**
     * Copies {@code buffer} into the body's arrays.
     *
     * @throws RequestTooLargeException once the body passes the limit
     */
    public void take(ByteBuffer buffer) {
        received += buffer.remaining();
        if (received > maxRequestSize) {
            throw new RequestTooLargeException(maxRequestSize);
        }
        reserve(received);
        while (buffer.hasRemaining()) {
            if (filling == null) {
                filling = new byte[nextLength()];
            } else if (fill == filling.length) {
                if (filling.length < blockSize) {
                    filling = Arrays.copyOf(filling, (int) Math.min(blockSize, 2L * filling.length));
                } else {
                    full.add(ByteBuffer.wrap(filling));
                    inFull += fill;
                    fill = 0;
                    filling = new byte[nextLength()];
                }
            }
            int n = Math.min(buffer.remaining(), filling.length - fill);
            buffer.get(filling, fill, n);
            fill += n;
        }
    }

    /**
     * Counts a buffer of the body that the caller holds itself, as it came from the socket, instead of copying it
     * here: {@code length} bytes of the body, in memory of {@code capacity} bytes, which the budget counts.
     *
     * @throws RequestTooLargeException once the body passes the limit, or finds no room in the budget
     */
    public void count(int length, int capacity) {
        received += length;
        if (received > maxRequestSize) {
            throw new RequestTooLargeException(maxRequestSize);
        }
        heldElsewhere += capacity;
        reserve(heldElsewhere);
    }

    /** Bytes received so far: the body's size once it ended. */
    public long size() {
        return received;
    }

    /** The body, in order: each array as it was filled, wrapped at its length. */
    public List<ByteBuffer> blocks() {
        List<ByteBuffer> blocks = new ArrayList<>(full);
        if (fill > 0) {
            blocks.add(ByteBuffer.wrap(filling, 0, fill));
        }
        return blocks;
    }

    /**
     * A new array: as long as the rest of a declared body when that is shorter than a block (a small body costs what
     * it holds), else a whole block, or, first of a body of unknown length, a small one that grows.
     */
    private int nextLength() {
        if (declaredLength >= 0) {
            return (int) Math.max(1, Math.min(blockSize, declaredLength - inFull));
        }
        return full.isEmpty() ? Math.min(blockSize, FIRST_ARRAY) : blockSize;
    }

    /** Gives back this body's share of the budget: the exchange ended, however it ended. */
    public synchronized void release() {
        budget.release(reserved);
        reserved = 0;
    }

    /** Counts this body for {@code size} bytes in all, refusing it when the budget has no room for them. */
    private synchronized void reserve(long size) {
        long more = size - reserved;
        if (more <= 0) {
            return;
        }
        if (!budget.reserve(more)) {
            throw new RequestTooLargeException(budget.capacity(), "the echo holds bodies in memory, within the "
                    + "budget held results share (harmony4.spool.memory-budget, " + budget.capacity() + " bytes here), "
                    + "which has " + budget.available() + " bytes left now: this one does not fit");
        }
        reserved = size;
    }
}
