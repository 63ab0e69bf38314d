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
 * limit, or past a quarter of the heap, whichever is smaller.
 */
public final class HeldBody {
    /** The first array of a body of unknown length starts this small and grows, so small bodies stay cheap. */
    private static final int FIRST_ARRAY = 64 * 1024;

    private final int blockSize;
    private final long limit;
    private final boolean heapBound;
    private final long declaredLength;
    private final List<ByteBuffer> full = new ArrayList<>();
    private byte[] filling;
    private int fill;
    private long received;
    /** Bytes in the arrays of {@link #full}. */
    private long inFull;

    /**
     * @param declaredLength the body's {@code Content-Length}, or -1 when it is sent in chunks
     * @throws RequestTooLargeException when the declared length is above the limit already
     */
    HeldBody(int blockSize, long maxRequestSize, long maxHeap, long declaredLength) {
        this.blockSize = blockSize;
        this.heapBound = maxHeap / 4 < maxRequestSize;
        this.limit = Math.min(maxRequestSize, maxHeap / 4);
        this.declaredLength = declaredLength;
        if (declaredLength > limit) {
            throw tooLarge();
        }
    }

    /**
     * Copies {@code buffer} into the body's arrays.
     *
     * @throws RequestTooLargeException once the body passes the limit
     */
    public void take(ByteBuffer buffer) {
        received += buffer.remaining();
        if (received > limit) {
            throw tooLarge();
        }
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

    private RequestTooLargeException tooLarge() {
        return heapBound
                ? new RequestTooLargeException(limit, "the echo holds a body in memory, up to a quarter of the heap: "
                        + limit + " bytes here")
                : new RequestTooLargeException(limit);
    }
}
