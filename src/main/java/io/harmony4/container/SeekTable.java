package io.harmony4.container;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The SEEK chunk's payload (docs/h4mk.md, "SEEK"): a count, then where each CORE chunk is. Held as its encoded bytes,
 * 16 per block, since a random-access reader keeps it for as long as it is open.
 */
final class SeekTable {
    static final int ENTRY_SIZE = H4mk.SEEK_ENTRY_SIZE;

    /**
     * One block's entry.
     *
     * @param chunkOffset  where the CORE chunk's type starts (u64, as read: a forged one may be negative)
     * @param chunkLength  the whole chunk, 12 + payload (u32)
     * @param originalSize the block's original bytes (u32)
     */
    record Entry(long chunkOffset, long chunkLength, long originalSize) {
        Entry {
            if (chunkLength < 0 || chunkLength > 0xFFFF_FFFFL || originalSize < 0 || originalSize > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("chunk length and original size are u32: " + chunkLength + ", "
                        + originalSize);
            }
        }
    }

    /** Count u32, then the entries, little-endian: the payload as it stands in the file. */
    private final ByteBuffer payload;

    private SeekTable(byte[] payload) {
        this.payload = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The payload length of a table of {@code count} entries. */
    static long payloadSize(long count) {
        return 4 + ENTRY_SIZE * count;
    }

    int count() {
        return (payload.capacity() - 4) / ENTRY_SIZE;
    }

    Entry entry(int i) {
        int at = 4 + i * ENTRY_SIZE;
        return new Entry(payload.getLong(at), Integer.toUnsignedLong(payload.getInt(at + 8)),
                Integer.toUnsignedLong(payload.getInt(at + 12)));
    }

    byte[] encode() {
        return payload.array().clone();
    }

    /**
     * The count field of a SEEK payload whose chunk starts at {@code chunkOffset}, for a reader that compares it
     * with what it expects before the table as a whole is checked.
     */
    static long declaredCount(byte[] payload, long chunkOffset) {
        if (payload.length < 4) {
            throw new CorruptContainerException("seek table of " + payload.length + " bytes ends inside its count",
                    H4mk.SEEK, chunkOffset + 8);
        }
        return Integer.toUnsignedLong(ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN).getInt(0));
    }

    /**
     * Parses a SEEK payload whose chunk starts at {@code chunkOffset}: its length must be what its count says. The
     * table keeps {@code payload} rather than a copy: it can be as large as the reader's block count limit allows.
     */
    static SeekTable decode(byte[] payload, long chunkOffset) {
        long count = declaredCount(payload, chunkOffset);
        if (payload.length != payloadSize(count)) {
            throw new CorruptContainerException("seek table of " + count + " entries is " + payload.length
                    + " bytes, not " + payloadSize(count), H4mk.SEEK, chunkOffset + 4);
        }
        return new SeekTable(payload);
    }

    /** File offset of entry {@code i} of the SEEK chunk that starts at {@code chunkOffset}. */
    static long entryAt(long chunkOffset, long i) {
        return chunkOffset + 12 + i * ENTRY_SIZE;
    }

    /** Collects entries in block order: the writer's table, or the blocks a stream reader has read. */
    static final class Builder {
        private final ByteArrayOutputStream entries = new ByteArrayOutputStream();
        private long count;

        void add(Entry e) {
            entries.writeBytes(ByteBuffer.allocate(ENTRY_SIZE).order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(e.chunkOffset()).putInt((int) e.chunkLength()).putInt((int) e.originalSize()).array());
            count++;
        }

        long count() {
            return count;
        }

        SeekTable build() {
            return new SeekTable(ByteBuffer.allocate(4 + entries.size()).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt((int) count).put(entries.toByteArray()).array());
        }
    }
}
