package io.harmony4.container;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads the preamble and then one chunk at a time from a stream, checking framing and CRC, tracking offsets. */
final class ChunkReader {
    /** A chunk whose CRC matched. {@code offset} is where its type field starts in the file. */
    record Chunk(String type, long offset, byte[] payload) {
        long length() {
            return H4mk.CHUNK_OVERHEAD + (long) payload.length;
        }
    }

    private final InputStream in;
    private long offset;

    ChunkReader(InputStream in) {
        this.in = in;
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
    Chunk next(LengthLimit maxPayload) throws IOException {
        long start = offset;
        int first = in.read();
        if (first < 0) {
            return null;
        }
        offset++;
        byte[] head = new byte[8];
        head[0] = (byte) first;
        readFully(head, 1, 7, "chunk");
        byte[] typeBytes = Arrays.copyOf(head, 4);
        if (!H4mk.isValidType(typeBytes)) {
            throw new CorruptContainerException("chunk type is not 4 ASCII letters", "?", start);
        }
        String type = new String(typeBytes, StandardCharsets.US_ASCII);
        long length = Integer.toUnsignedLong(le32(head, 4));
        long allowed = maxPayload.forType(type);
        if (length > allowed) {
            throw new CorruptContainerException("payload length " + length + " exceeds the " + allowed
                    + " bytes this chunk can hold", type, start + 4);
        }
        byte[] payload = readFully((int) length, type);
        int crc = le32(readFully(4, type), 0);
        if (crc != H4mk.crc(head, payload, 0, payload.length)) {
            throw new CorruptContainerException("CRC32C mismatch", type, start);
        }
        return new Chunk(type, start, payload);
    }

    /** The largest payload acceptable for a chunk type at this point of the file. */
    interface LengthLimit {
        long forType(String type);
    }

    private byte[] readFully(int n, String chunk) throws IOException {
        byte[] b = new byte[n];
        readFully(b, 0, n, chunk);
        return b;
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

    static int le32(byte[] b, int at) {
        return ByteBuffer.wrap(b, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }
}
