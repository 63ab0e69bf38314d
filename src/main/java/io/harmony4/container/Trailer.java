package io.harmony4.container;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The TAIL chunk's payload (docs/h4mk.md, "TAIL"): what the blocks add up to and where SEEK is, so that a reader
 * can find any block from the end of the file.
 *
 * @param contentSize the sum of the blocks' original sizes (u64, as read: a forged one may be negative)
 * @param blockCount  the number of CORE chunks (u32)
 * @param seekOffset  where the SEEK chunk starts (u64, as read)
 * @param sha256      SHA-256 of the whole original content
 */
record Trailer(long contentSize, long blockCount, long seekOffset, byte[] sha256) {
    static final int PAYLOAD_SIZE = H4mk.TAIL_PAYLOAD_SIZE;
    private static final int SHA256_SIZE = 32;

    Trailer {
        if (blockCount < 0 || blockCount > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("a block count is a u32, not " + blockCount);
        }
        if (sha256.length != SHA256_SIZE) {
            throw new IllegalArgumentException("a SHA-256 is " + SHA256_SIZE + " bytes, not " + sha256.length);
        }
        sha256 = sha256.clone();
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    byte[] encode() {
        return ByteBuffer.allocate(PAYLOAD_SIZE).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(contentSize).putInt((int) blockCount).putLong(seekOffset).put(sha256).array();
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
        byte[] sha256 = new byte[SHA256_SIZE];
        b.get(sha256);
        return new Trailer(contentSize, blockCount, seekOffset, sha256);
    }

    /** File offsets of the fields, for errors that name one; {@code chunkOffset} is where TAIL starts. */
    static long contentSizeAt(long chunkOffset) {
        return chunkOffset + 8;
    }

    static long blockCountAt(long chunkOffset) {
        return chunkOffset + 16;
    }

    static long seekOffsetAt(long chunkOffset) {
        return chunkOffset + 20;
    }

    static long sha256At(long chunkOffset) {
        return chunkOffset + 28;
    }
}
