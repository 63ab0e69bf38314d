package io.harmony4.container;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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
