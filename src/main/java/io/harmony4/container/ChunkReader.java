package io.harmony4.container;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/** Reads the preamble and then one chunk at a time from a stream ({@link ChunkFraming}), tracking offsets. */
final class ChunkReader {
    /** One byte of look-ahead: a clean end of input comes before a chunk, not inside one. */
    private final PushbackInputStream in;
    private long offset;

    ChunkReader(InputStream in) {
        this.in = new PushbackInputStream(in, 1);
    }

    long offset() {
        return offset;
    }

    Preamble readPreamble() throws IOException {
        byte[] preamble = new byte[Preamble.SIZE];
        // the signature first: a short input that is no container at all is named so, not "truncated"
        readFully(preamble, 0, H4mk.SIGNATURE.length, "file");
        Preamble.checkSignature(preamble);
        readFully(preamble, H4mk.SIGNATURE.length, Preamble.SIZE - H4mk.SIGNATURE.length, "file");
        return Preamble.decode(preamble);
    }

    /**
     * Reads the next chunk, whose payload may be at most {@code maxPayload} bytes (checked before allocating).
     * Returns null at a clean end of input.
     */
    ChunkFraming.Chunk next(LengthLimit maxPayload) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        in.unread(first);
        long start = offset;
        return ChunkFraming.read(this::readFully, start, (type, length) -> {
            if (!H4mk.isValidType(type)) {
                throw new CorruptContainerException("chunk type is not 4 ASCII letters", "?", start);
            }
            long allowed = maxPayload.forType(type);
            if (length > allowed) {
                throw new CorruptContainerException("payload length " + length + " exceeds the " + allowed
                        + " bytes this chunk can hold", type, start + 4);
            }
        });
    }

    /** The largest payload acceptable for a chunk type at this point of the file. */
    interface LengthLimit {
        long forType(String type);
    }

    private void readFully(byte[] b, int off, int n, String chunk) throws IOException {
        int done = 0;
        while (done < n) {
            int r = in.read(b, off + done, n - done);
            if (r < 0) {
                throw new CorruptContainerException("truncated: input ends " + (n - done) + " bytes short",
                        chunk, offset + done);
            }
            done += r;
        }
        offset += n;
    }
}
