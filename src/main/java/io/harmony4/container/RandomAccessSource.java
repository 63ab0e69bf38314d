package io.harmony4.container;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Bytes that can be read at any position: a file or an array. */
public interface RandomAccessSource {
    long size() throws IOException;

    /** Reads exactly {@code len} bytes at {@code position}; the caller has checked the range against size(). */
    void read(long position, byte[] dst, int off, int len) throws IOException;

    static RandomAccessSource of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new RandomAccessSource() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public void read(long position, byte[] dst, int off, int len) {
                System.arraycopy(bytes, Math.toIntExact(position), dst, off, len);
            }
        };
    }

    /**
     * Bytes held in pieces (a spool in memory), read where they are: {@code segments} in order, each from its
     * position to its limit, not to be changed while this source is read.
     */
    static RandomAccessSource of(List<ByteBuffer> segments) {
        Objects.requireNonNull(segments, "segments");
        ByteBuffer[] pieces = segments.stream().map(ByteBuffer::slice).toArray(ByteBuffer[]::new);
        long[] starts = new long[pieces.length + 1];
        for (int i = 0; i < pieces.length; i++) {
            starts[i + 1] = starts[i] + pieces[i].remaining();
        }
        return new RandomAccessSource() {
            @Override
            public long size() {
                return starts[pieces.length];
            }

            @Override
            public void read(long position, byte[] dst, int off, int len) {
                // the last piece that starts at or before position
                int i = Arrays.binarySearch(starts, 0, pieces.length, position);
                i = i >= 0 ? i : -i - 2;
                while (len > 0) {
                    while (starts[i + 1] <= position) {
                        i++;
                    }
                    int at = (int) (position - starts[i]);
                    int n = (int) Math.min(len, starts[i + 1] - position);
                    pieces[i].get(at, dst, off, n);
                    position += n;
                    off += n;
                    len -= n;
                }
            }
        };
    }

    static RandomAccessSource of(FileChannel channel) {
        Objects.requireNonNull(channel, "channel");
        return new RandomAccessSource() {
            @Override
            public long size() throws IOException {
                return channel.size();
            }

            @Override
            public void read(long position, byte[] dst, int off, int len) throws IOException {
                ByteBuffer buf = ByteBuffer.wrap(dst, off, len);
                while (buf.hasRemaining()) {
                    if (channel.read(buf, position + buf.position() - off) < 0) {
                        throw new EOFException("file ended while reading at " + position);
                    }
                }
            }
        };
    }
}
