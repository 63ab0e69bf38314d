package io.harmony4.container;

import io.harmony4.digest.Sha256;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The TAIL chunk's payload (docs/h4mk.md, "TAIL"): what the blocks add up to and where SEEK is, so that a reader
 * can find any block from the end of the file.
 *
 * @param contentSize the sum of the blocks' original sizes (u64, as read: a forged one may be negative)
 * @param blockCount  the number of CORE chunks (u32)
 * @param seekOffset  where the SEEK chunk starts (u64, as read)
 * @param digest      version 1: the SHA-256 of the whole original content; version 2: the content root, which binds
 *                    the blocks' SHA-256 in SEEK to their sizes and order ({@link ContentRoot})
 */
record Trailer(long contentSize, long blockCount, long seekOffset, byte[] digest) {
    static final int PAYLOAD_SIZE = H4mk.TAIL_PAYLOAD_SIZE;

    Trailer {
        if (blockCount < 0 || blockCount > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("a block count is a u32, not " + blockCount);
        }
        if (digest.length != Sha256.SIZE) {
            throw new IllegalArgumentException("a SHA-256 is " + Sha256.SIZE + " bytes, not " + digest.length);
        }
        digest = digest.clone();
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    byte[] encode() {
        return ByteBuffer.allocate(PAYLOAD_SIZE).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(contentSize).putInt((int) blockCount).putLong(seekOffset).put(digest).array();
    }

    /** Parses a TAIL payload whose chunk starts at {@code chunkOffset}. */
    static Trailer decode(byte[] payload, long chunkOffset) {
        if (payload.length != PAYLOAD_SIZE) {
            throw new CorruptContainerException("TAIL payload is " + payload.length + " bytes, not " + PAYLOAD_SIZE,
                    H4mk.TAIL, chunkOffset + 4);
        }
        ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        long contentSize = b.getLong();
        long blockCount = Integer.toUnsignedLong(b.getInt());
        long seekOffset = b.getLong();
        byte[] digest = new byte[Sha256.SIZE];
        b.get(digest);
        return new Trailer(contentSize, blockCount, seekOffset, digest);
    }

    /** File offsets of the fields, for errors that name one; {@code chunkOffset} is where TAIL starts. */
    static long contentSizeAt(long chunkOffset) {
        return chunkOffset + ChunkFraming.HEAD_SIZE;
    }

    static long blockCountAt(long chunkOffset) {
        return chunkOffset + 16;
    }

    static long seekOffsetAt(long chunkOffset) {
        return chunkOffset + 20;
    }

    static long digestAt(long chunkOffset) {
        return chunkOffset + 28;
    }
}
