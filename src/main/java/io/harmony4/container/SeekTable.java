package io.harmony4.container;

import io.harmony4.digest.Sha256;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The SEEK chunk's payload (docs/h4mk.md, "SEEK"): a count, then where each CORE chunk is and, from version 2 on,
 * the SHA-256 of each block's original bytes. Held as its encoded bytes (16 or 48 per block), since a random-access
 * reader keeps it for as long as it is open.
 */
final class SeekTable {

    /**
     * One block's entry.
     *
     * @param chunkOffset  where the CORE chunk's type starts (u64, as read: a forged one may be negative)
     * @param chunkLength  the whole chunk, 12 + payload (u32)
     * @param originalSize the block's original bytes (u32)
     * @param sha256       the SHA-256 of those bytes (version 2); null in version 1
     */
    record Entry(long chunkOffset, long chunkLength, long originalSize, byte[] sha256) {
        Entry {
            if (chunkLength < 0 || chunkLength > 0xFFFF_FFFFL || originalSize < 0 || originalSize > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("chunk length and original size are u32: " + chunkLength + ", "
                        + originalSize);
            }
            if (sha256 != null && sha256.length != Sha256.SIZE) {
                throw new IllegalArgumentException("a SHA-256 is " + Sha256.SIZE + " bytes, not " + sha256.length);
            }
        }

        /** Whether offset, length and size are the same; the digest is compared on its own, where it is known. */
        boolean sameLocation(Entry other) {
            return chunkOffset == other.chunkOffset && chunkLength == other.chunkLength
                    && originalSize == other.originalSize;
        }
    }

    private final int version;
    /** Count u32, then the entries, little-endian: the payload as it stands in the file. */
    private final ByteBuffer payload;

    private SeekTable(int version, byte[] payload) {
        this.version = version;
        this.payload = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Bytes per entry in a container of format {@code version}. */
    static int entrySize(int version) {
        return version == H4mk.VERSION_1 ? H4mk.SEEK_ENTRY_SIZE_V1 : H4mk.SEEK_ENTRY_SIZE_V2;
    }

    /** The payload length of a table of {@code count} entries. */
    static long payloadSize(long count, int version) {
        return 4 + entrySize(version) * count;
    }

    int version() {
        return version;
    }

    int count() {
        return (payload.capacity() - 4) / entrySize(version);
    }

    Entry entry(int i) {
        int at = 4 + i * entrySize(version);
        byte[] sha256 = null;
        if (version != H4mk.VERSION_1) {
            sha256 = Arrays.copyOfRange(payload.array(), at + 16, at + 16 + Sha256.SIZE);
        }
        return new Entry(payload.getLong(at), Integer.toUnsignedLong(payload.getInt(at + 8)),
                Integer.toUnsignedLong(payload.getInt(at + 12)), sha256);
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
                    H4mk.SEEK, chunkOffset + ChunkFraming.HEAD_SIZE);
        }
        return Integer.toUnsignedLong(ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN).getInt(0));
    }

    /**
     * Parses a SEEK payload of format {@code version} whose chunk starts at {@code chunkOffset}: its length must be
     * what its count says. The table keeps {@code payload} rather than a copy: it can be as large as the reader's
     * block count limit allows.
     */
    static SeekTable decode(byte[] payload, long chunkOffset, int version) {
        long count = declaredCount(payload, chunkOffset);
        if (payload.length != payloadSize(count, version)) {
            throw new CorruptContainerException("seek table of " + count + " entries is " + payload.length
                    + " bytes, not " + payloadSize(count, version), H4mk.SEEK, chunkOffset + 4);
        }
        return new SeekTable(version, payload);
    }

    /** File offset of entry {@code i} of the SEEK chunk that starts at {@code chunkOffset}. */
    static long entryAt(long chunkOffset, long i, int version) {
        return chunkOffset + 12 + i * entrySize(version);
    }

    /** File offset of entry {@code i}'s SHA-256 (version 2). */
    static long sha256At(long chunkOffset, long i) {
        return entryAt(chunkOffset, i, H4mk.VERSION_2) + 16;
    }

    /** Collects the writer's entries in block order, encoded as the table it then builds. */
    static final class Builder {
        private final int version;
        private final ByteArrayOutputStream entries = new ByteArrayOutputStream();
        private long count;

        Builder(int version) {
            this.version = version;
        }

        void add(Entry e) {
            ByteBuffer b = ByteBuffer.allocate(entrySize(version)).order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(e.chunkOffset()).putInt((int) e.chunkLength()).putInt((int) e.originalSize());
            if (version != H4mk.VERSION_1) {
                b.put(e.sha256());
            }
            entries.writeBytes(b.array());
            count++;
        }

        long count() {
            return count;
        }

        SeekTable build() {
            return new SeekTable(version, ByteBuffer.allocate(4 + entries.size()).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt((int) count).put(entries.toByteArray()).array());
        }
    }
}
