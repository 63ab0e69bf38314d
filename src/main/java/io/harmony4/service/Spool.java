package io.harmony4.service;

import io.harmony4.container.RandomAccessSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a result waits until it is complete and verified: in memory while the service-wide {@link MemoryBudget}
 * has room for it, else in a temporary file. In memory it is a list of segments that are sent as they are: bytes
 * written are copied into segments of up to 1 MiB (never grown by copying): whole blocks of direct memory when the
 * spool has some to copy into, since a heap array bound for a socket is copied again by Netty, into a fresh direct
 * buffer when it is over 64 KiB; else, and for a first segment smaller than a block (a small result, which Netty
 * copies into its pooled memory), heap arrays. Arrays {@link #append appended} (decoded blocks) are kept without a
 * copy, as are blocks of direct memory ({@link #appendDirect}), of which the spool holds one reference. When the
 * budget refuses more, what is held goes to the file and the budget gets it back. {@link #close()} deletes the file
 * and gives back the memory, whatever happened, so a failed or abandoned request leaves nothing behind.
 */
public final class Spool extends OutputStream {
    /** Copied bytes go into heap arrays of this size; the first is smaller, so that a small result costs little. */
    private static final int SEGMENT = 1 << 20;
    private static final int FIRST_SEGMENT = 64 * 1024;

    /**
     * An array held in memory, of which the first {@code length} bytes are the result's; or a block of direct memory
     * ({@code array} null), whose readable bytes are.
     */
    private static final class Segment {
        final byte[] array;
        final ByteBuf direct;
        int length;

        Segment(byte[] array, int length) {
            this.array = array;
            this.direct = null;
            this.length = length;
        }

        Segment(ByteBuf direct) {
            this.array = null;
            this.direct = direct;
            this.length = direct.readableBytes();
        }

        /** Bytes it may hold. */
        int capacity() {
            return direct == null ? array.length : direct.capacity();
        }

        /** Copies {@code b[off, off + n)} after what it holds. */
        void put(byte[] b, int off, int n) {
            if (direct == null) {
                System.arraycopy(b, off, array, length, n);
            } else {
                direct.writeBytes(b, off, n);
            }
            length += n;
        }
    }

    private final MemoryBudget budget;
    private final Path dir;
    /** Direct memory that written bytes are copied into; null: heap arrays. */
    private final DecodedBlockMemory copies;
    /** The most bytes a segment of copies holds: a whole recycled block of {@link #copies}, else 1 MiB. */
    private final int segmentSize;
    private final List<Segment> memory = new ArrayList<>();
    /** The segment that copies go into, while it has room; null when the last one was appended whole. */
    private Segment filling;
    /** Bytes taken from the budget: the capacity of the segments copied into, and the size of those appended. */
    private long reserved;
    private Path file;
    private OutputStream fileOut;
    private long size;
    private boolean closed;

    /** A spool that copies what is written into heap arrays. */
    public Spool(MemoryBudget budget, Path dir) {
        this(budget, dir, null);
    }

    /**
     * A spool that copies what is written into whole blocks of those {@code copies} recycles (a larger one would be
     * allocated and freed for this spool alone), given back when they are written to the file or the spool closes;
     * a first segment smaller than a block is a heap array.
     */
    public Spool(MemoryBudget budget, Path dir, DecodedBlockMemory copies) {
        this.budget = budget;
        this.dir = dir;
        this.copies = copies;
        this.segmentSize = copies == null ? SEGMENT : copies.recycledSize();
    }

    /** A failure of the spool itself (disk full, folder missing): the service's problem, not the client's. */
    public static final class SpoolException extends java.io.UncheckedIOException {
        SpoolException(IOException cause) {
            super("spooling failed: " + cause.getMessage(), cause);
        }
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    /** Copies {@code b[off, off + len)}. */
    @Override
    public synchronized void write(byte[] b, int off, int len) {
        checkOpen();
        size += len;
        while (len > 0 && file == null) {
            if (filling == null || filling.length == filling.capacity()) {
                int capacity = memory.isEmpty()
                        ? Math.max(Math.min(FIRST_SEGMENT, segmentSize), Math.min(segmentSize, len))
                        : segmentSize;
                if (!budget.reserve(capacity)) {
                    spill();
                    break;
                }
                reserved += capacity;
                filling = newSegment(capacity);
                memory.add(filling);
            }
            int n = Math.min(len, filling.capacity() - filling.length);
            filling.put(b, off, n);
            off += n;
            len -= n;
        }
        if (len > 0) {
            toFile(b, off, len);
        }
    }

    /**
     * An empty segment to copy into, of {@code capacity} bytes: a whole direct block, or a heap array when there are
     * none or it is smaller than a block (a direct one would hold a whole block against the budget's smaller count).
     */
    private Segment newSegment(int capacity) {
        if (copies == null || capacity < segmentSize) {
            return new Segment(new byte[capacity], 0);
        }
        ByteBuf block = copies.allocate(capacity);
        block.writerIndex(0);
        return new Segment(block);
    }

    /**
     * Keeps {@code array} as it is, without a copy: the caller hands it over and must not change it. In memory while
     * the budget has room for it.
     */
    public synchronized void append(byte[] array) {
        keep(new Segment(array, array.length));
    }

    /**
     * Keeps {@code block}, a block of direct memory whose readable bytes come next, without a copy: the caller hands
     * over its reference, which this spool gives back once the block went to the file, or on {@link #close()}.
     * In memory while the budget has room for it.
     */
    public synchronized void appendDirect(ByteBuf block) {
        boolean held = false;
        try {
            held = keep(new Segment(block));
        } finally {
            if (!held) {
                block.release(); // written to the file, or refused
            }
        }
    }

    /** Holds {@code segment} as it is while the budget has room for it, else writes it to the file: true if held. */
    private boolean keep(Segment segment) {
        checkOpen();
        size += segment.length;
        if (file == null && budget.reserve(segment.length)) {
            reserved += segment.length;
            memory.add(segment);
            filling = null;
            return true;
        }
        if (file == null) {
            spill();
        }
        toFile(segment);
        return false;
    }

    /** Moves what is held to a new temporary file, and gives the memory back. */
    private void spill() {
        try {
            file = Files.createTempFile(dir, "harmony4-", ".spool");
            fileOut = Files.newOutputStream(file);
            for (Segment segment : memory) {
                toFile(segment);
            }
        } catch (IOException e) {
            throw new SpoolException(e);
        } finally {
            dropMemory();
        }
    }

    private void toFile(Segment segment) {
        if (segment.direct == null) {
            toFile(segment.array, 0, segment.length);
            return;
        }
        try {
            segment.direct.getBytes(segment.direct.readerIndex(), fileOut, segment.length);
        } catch (IOException e) {
            throw new SpoolException(e);
        }
    }

    private void toFile(byte[] b, int off, int len) {
        try {
            fileOut.write(b, off, len);
        } catch (IOException e) {
            throw new SpoolException(e);
        }
    }

    private void dropMemory() {
        for (Segment segment : memory) {
            if (segment.direct != null) {
                segment.direct.release();
            }
        }
        memory.clear();
        filling = null;
        budget.release(reserved);
        reserved = 0;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the spool is closed: its request ended");
        }
    }

    /** Bytes written so far. */
    public synchronized long size() {
        return size;
    }

    /** The temporary file, if the spool went to disk (for random access); null while in memory. */
    public synchronized Path fileOrNull() throws IOException {
        if (fileOut != null) {
            fileOut.close();
        }
        return file;
    }

    /**
     * What was written, when it stayed in memory: views of the arrays held, in order, without a copy, for reading
     * only; null once it went to a file. Valid until {@link #close()}.
     */
    public synchronized List<ByteBuffer> segmentsOrNull() {
        if (file != null) {
            return null;
        }
        List<ByteBuffer> views = new ArrayList<>(memory.size());
        for (Segment segment : memory) {
            views.add(segment.direct != null ? segment.direct.nioBuffer() : ByteBuffer.wrap(segment.array, 0,
                    segment.length));
        }
        return views;
    }

    /**
     * {@link #segmentsOrNull()} as buffers to write to a socket as they are: each still this spool's, valid until
     * {@link #close()}; a writer that may still hold one then takes a reference of its own first
     * ({@link ByteBuf#retain()}) and gives it back once written. Arrays are wrapped, blocks of direct memory are views.
     */
    public synchronized List<ByteBuf> buffersOrNull() {
        if (file != null) {
            return null;
        }
        List<ByteBuf> buffers = new ArrayList<>(memory.size());
        for (Segment segment : memory) {
            buffers.add(segment.direct != null ? segment.direct.duplicate()
                    : Unpooled.wrappedBuffer(segment.array, 0, segment.length));
        }
        return buffers;
    }

    /** What was written, readable at any position, while open; closing it closes what it reads from. */
    public interface Source extends RandomAccessSource, Closeable {}

    /**
     * Opens what was written so far for reads at any position (a received container, for ranges and streamed
     * answers): the file through a channel of its own, or the arrays held, as they are. Close it before this spool.
     */
    public Source openSource() throws IOException {
        Path spooled = fileOrNull();
        if (spooled == null) {
            return reading(RandomAccessSource.of(segmentsOrNull()), () -> {});
        }
        FileChannel channel = FileChannel.open(spooled);
        return reading(RandomAccessSource.of(channel), channel);
    }

    private static Source reading(RandomAccessSource source, Closeable resource) {
        return new Source() {
            @Override
            public long size() throws IOException {
                return source.size();
            }

            @Override
            public void read(long position, byte[] dst, int off, int len) throws IOException {
                source.read(position, dst, off, len);
            }

            @Override
            public void close() throws IOException {
                resource.close();
            }
        };
    }

    /** Deletes the temporary file and gives back the memory; safe to call more than once and from another thread. */
    @Override
    public synchronized void close() throws IOException {
        closed = true;
        try {
            if (fileOut != null) {
                fileOut.close();
            }
        } finally {
            if (file != null) {
                Files.deleteIfExists(file);
            }
            dropMemory();
        }
    }
}
