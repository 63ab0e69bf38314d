package io.harmony4.container;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The framing of every chunk (docs/h4mk.md, "Chunks"): type (4 ASCII letters), payload length (u32), the payload,
 * then the CRC32C of all three. Both readers read a chunk with {@link #read}, the stream reader in file order and
 * the random-access reader where the trailer or the seek table points; the writer frames one with {@link #frame}.
 * What a chunk may be at a place, its type and its largest payload, is the reader's to say ({@link HeadCheck}), and
 * each reader keeps its own errors for it.
 */
final class ChunkFraming {
    /** type(4) + length(4), before the payload. */
    static final int HEAD_SIZE = 8;
    /** The CRC32C after the payload. */
    private static final int CRC_SIZE = 4;

    private ChunkFraming() {}

    /** A chunk whose CRC matched. {@code offset} is where its type field starts in the file. */
    record Chunk(String type, long offset, byte[] payload) {
        long length() {
            return H4mk.CHUNK_OVERHEAD + (long) payload.length;
        }

        /** Where the payload starts in the file: offsets inside the payload are reported from there. */
        long payloadOffset() {
            return offset + HEAD_SIZE;
        }
    }

    /** Where a chunk's bytes come from, in file order: a stream, or a source read from an offset on. */
    interface Input {
        /** Reads the next {@code n} bytes into {@code b} at {@code off}; input that ends first names {@code chunk}. */
        void readFully(byte[] b, int off, int n, String chunk) throws IOException;

        /** The bytes of {@code source} from {@code position} on; the reader has checked the chunk fits in it. */
        static Input from(RandomAccessSource source, long position) {
            return new Input() {
                private long next = position;

                @Override
                public void readFully(byte[] b, int off, int n, String chunk) throws IOException {
                    source.read(next, b, off, n);
                    next += n;
                }
            };
        }
    }

    /** Refuses a chunk by its type and payload length, before its payload is allocated and read. */
    interface HeadCheck {
        void check(String type, long payloadLength);
    }

    /**
     * Reads the chunk that starts at file offset {@code offset}: its head, which {@code check} accepts or refuses,
     * its payload, and its CRC, which must match.
     */
    static Chunk read(Input in, long offset, HeadCheck check) throws IOException {
        byte[] head = new byte[HEAD_SIZE];
        in.readFully(head, 0, HEAD_SIZE, "chunk");
        String type = new String(head, 0, 4, StandardCharsets.US_ASCII);
        long length = Integer.toUnsignedLong(LittleEndian.decodeInt(head, 4));
        check.check(type, length);
        byte[] payload = new byte[(int) length];
        in.readFully(payload, 0, payload.length, type);
        byte[] crc = new byte[CRC_SIZE];
        in.readFully(crc, 0, CRC_SIZE, type);
        if (LittleEndian.decodeInt(crc, 0) != crc(head, payload)) {
            throw new CorruptContainerException("CRC32C mismatch", type, offset);
        }
        return new Chunk(type, offset, payload);
    }

    /**
     * A chunk framed for writing: its head (type, length and the start of the payload), the rest of the payload,
     * and the CRC32C over both.
     */
    record Framed(byte[] head, byte[] body, int crc) {
        /** The whole chunk's bytes in the file. */
        long length() {
            return (long) head.length + body.length + CRC_SIZE;
        }

        void writeTo(OutputStream out) throws IOException {
            out.write(head);
            out.write(body);
            out.write(LittleEndian.encodeInt(crc));
        }
    }

    static Framed frame(String type, byte[] payload) {
        return frame(type, new byte[0], payload);
    }

    /**
     * Frames a chunk whose payload is {@code payloadStart} then {@code body}: the head takes the start, so that a
     * large body is written without a copy (a CORE chunk: block header, then the block's data).
     */
    static Framed frame(String type, byte[] payloadStart, byte[] body) {
        byte[] head = ByteBuffer.allocate(HEAD_SIZE + payloadStart.length).order(ByteOrder.LITTLE_ENDIAN)
                .put(type.getBytes(StandardCharsets.US_ASCII))
                .putInt(payloadStart.length + body.length)
                .put(payloadStart)
                .array();
        return new Framed(head, body, crc(head, body));
    }

    /** CRC32C over the type, the length field and the payload, here in two parts. */
    static int crc(byte[] first, byte[] second) {
        CRC32C crc = new CRC32C();
        crc.update(first);
        crc.update(second);
        return (int) crc.getValue();
    }
}
