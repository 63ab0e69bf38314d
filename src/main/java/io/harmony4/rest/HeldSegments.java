package io.harmony4.rest;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.IllegalReferenceCountException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A response body held in memory as the buffers it was made or received in (a spool's segments, a decompression's
 * decoded blocks, an echo's socket buffers), written as they are by {@link HeldSegmentsWriter}, which hands each
 * to Netty in turn; used on the event loop only. Each buffer is given back once written, and those never handed
 * to Netty when the exchange ends ({@link #releaseUnwritten}), however it ends.
 */
final class HeldSegments {
    private final List<ByteBuf> segments;
    private final long size;
    private final Consumer<ByteBuf> release;
    /** The segments stay their owner's: retained as handed over, never released unwritten. */
    private final boolean borrowed;
    private int next;

    /**
     * @param segments the bytes in order, each from its reader index to its writer index
     * @param size     their sum: the {@code Content-Length}
     * @param release  gives a segment back once written, or never to be
     */
    HeldSegments(List<ByteBuf> segments, long size, Consumer<ByteBuf> release) {
        this(segments, size, release, false);
    }

    private HeldSegments(List<ByteBuf> segments, long size, Consumer<ByteBuf> release, boolean borrowed) {
        this.segments = segments;
        this.size = size;
        this.release = release;
        this.borrowed = borrowed;
    }

    /** Arrays on the heap, from their position to their limit: nothing to give back. */
    HeldSegments(List<ByteBuffer> arrays, long size) {
        this(wrap(arrays), size, segment -> {});
    }

    /**
     * Buffers that stay their owner's (a spool's, which gives them back when the exchange ends, maybe while one is
     * being written): each is retained as it is handed over, and that reference given back once written.
     */
    static HeldSegments borrowed(List<ByteBuf> buffers, long size) {
        return new HeldSegments(buffers, size, ByteBuf::release, true);
    }

    private static List<ByteBuf> wrap(List<ByteBuffer> arrays) {
        List<ByteBuf> wrapped = new ArrayList<>(arrays.size());
        for (ByteBuffer array : arrays) {
            wrapped.add(Unpooled.wrappedBuffer(array));
        }
        return wrapped;
    }

    long size() {
        return size;
    }

    boolean hasNext() {
        return next < segments.size();
    }

    boolean isLast() {
        return next == segments.size() - 1;
    }

    /**
     * The next segment to write, which the caller gives back with {@link #release(ByteBuf)} once written; null when
     * the owner of borrowed segments already let them go: the exchange ended (the client left between the answer
     * being made and this segment's turn), so there is nothing left to write to.
     */
    ByteBuf handOver() {
        ByteBuf segment = segments.get(next++);
        if (!borrowed) {
            return segment;
        }
        try {
            return segment.retain();
        } catch (IllegalReferenceCountException released) {
            // a released buffer never comes back to life (a decoded block is a new buffer each time it is used)
            next = segments.size();
            return null;
        }
    }

    void release(ByteBuf segment) {
        release.accept(segment);
    }

    /** The exchange ended: segments never handed over are given back. */
    void releaseUnwritten() {
        while (!borrowed && next < segments.size()) {
            release.accept(segments.get(next++));
        }
    }
}
