package io.harmony4.container;

import io.harmony4.engine.CompressionEngine;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Random access into an H4MK container: finds the trailer from the end, checks the seek table against the file and
 * the limits, then decodes only the blocks a requested byte range overlaps, each CRC-checked. In version 2 the seek
 * table's block digests are bound to the content root in TAIL when the reader opens, and every block decoded is
 * checked against its SHA-256, so the bytes of a range are as verified as a full read's ({@link #sha256Verified}).
 * In version 1 each block is checked by its engine's own checksum only; the whole-content SHA-256 needs a full read
 * ({@link H4mkInputStream}). Given an executor, a block that its engine can decode in steps is hashed there while it
 * decodes ({@link ConcurrentBlockHash}), so that verifying it costs about nothing beyond the decode.
 */
public final class H4mkRandomAccessReader {
    private final RandomAccessSource source;
    private final EngineSet engines;
    private final ContainerHeader header;
    private final long contentSize;
    private final int version;
    private final byte[] trailerDigest;
    private final SeekTable seek;
    private final Executor hashing;

    private H4mkRandomAccessReader(RandomAccessSource source, EngineSet engines, int version, ContainerHeader header,
            long contentSize, byte[] trailerDigest, SeekTable seek, Executor hashing) {
        this.source = source;
        this.hashing = hashing;
        this.engines = engines;
        this.version = version;
        this.header = header;
        this.contentSize = contentSize;
        this.trailerDigest = trailerDigest;
        this.seek = seek;
    }

    /** Reads and checks the preamble, HEAD, TAIL and SEEK; every block is decoded and hashed on the reading thread. */
    public static H4mkRandomAccessReader open(RandomAccessSource source, EngineSet engines, ContainerLimits limits)
            throws IOException {
        return open(source, engines, limits, null);
    }

    /**
     * Reads and checks the preamble, HEAD, TAIL and SEEK; from version 2 on, unfiltered blocks are hashed on
     * {@code hashing} while they decode, when their engine decodes in steps ({@code null}: on the reading thread,
     * after the decode).
     */
    public static H4mkRandomAccessReader open(RandomAccessSource source, EngineSet engines, ContainerLimits limits,
            Executor hashing) throws IOException {
        Objects.requireNonNull(engines, "engines");
        Objects.requireNonNull(limits, "limits");
        long size = source.size();
        long minimum = H4mk.PREAMBLE_SIZE + H4mk.CHUNK_OVERHEAD + H4mk.CHUNK_OVERHEAD + 4 + H4mk.TAIL_CHUNK_SIZE;
        if (size < minimum) {
            throw new CorruptContainerException("truncated: " + size + " bytes, an H4MK container has at least "
                    + minimum, "file", size);
        }
        byte[] preamble = new byte[Preamble.SIZE];
        source.read(0, preamble, 0, Preamble.SIZE);
        int version = Preamble.decode(preamble).version();

        byte[] headPayload = chunkAt(source, H4mk.PREAMBLE_SIZE, H4mk.HEAD, H4mk.MAX_HEAD_PAYLOAD, size);
        ContainerHeader header = ContainerHeader.decode(headPayload, H4mk.PREAMBLE_SIZE + ChunkFraming.HEAD_SIZE,
                limits);
        long headEnd = H4mk.PREAMBLE_SIZE + H4mk.CHUNK_OVERHEAD + (long) headPayload.length;

        long tailOffset = size - H4mk.TAIL_CHUNK_SIZE;
        Trailer trailer = Trailer.decode(chunkAt(source, tailOffset, H4mk.TAIL, Trailer.PAYLOAD_SIZE, size),
                tailOffset);
        long contentSize = trailer.contentSize();
        long count = trailer.blockCount();
        long seekOffset = trailer.seekOffset();
        if (contentSize < 0 || contentSize > limits.maxContentSize()) {
            throw new LimitExceededException("content size", contentSize, limits.maxContentSize(), H4mk.TAIL,
                    Trailer.contentSizeAt(tailOffset));
        }
        if (!limits.expansionAllowed(contentSize, size)) {
            throw new LimitExceededException("expansion ratio", contentSize / size, limits.maxExpansionRatio(),
                    H4mk.TAIL, Trailer.contentSizeAt(tailOffset));
        }
        if (count > limits.maxBlockCount()) {
            throw new LimitExceededException("block count", count, limits.maxBlockCount(), H4mk.TAIL,
                    Trailer.blockCountAt(tailOffset));
        }
        long expectedCount = (contentSize + header.blockSize() - 1) / header.blockSize();
        if (count != expectedCount) {
            throw new CorruptContainerException("block count " + count + " does not fit " + contentSize
                    + " bytes in blocks of " + header.blockSize(), H4mk.TAIL, Trailer.blockCountAt(tailOffset));
        }
        long seekPayloadSize = SeekTable.payloadSize(count, version);
        if (seekOffset != tailOffset - H4mk.CHUNK_OVERHEAD - seekPayloadSize || seekOffset < headEnd) {
            throw new CorruptContainerException("trailer points at " + seekOffset + " for a SEEK of " + count
                    + " entries, which must end where TAIL starts (" + tailOffset + ")", H4mk.TAIL,
                    Trailer.seekOffsetAt(tailOffset));
        }
        byte[] seekPayload = chunkAt(source, seekOffset, H4mk.SEEK, seekPayloadSize, size);
        if (SeekTable.declaredCount(seekPayload, seekOffset) != count) {
            throw new CorruptContainerException("seek table count disagrees with the trailer", H4mk.SEEK,
                    seekOffset + ChunkFraming.HEAD_SIZE);
        }
        SeekTable seek = SeekTable.decode(seekPayload, seekOffset, version);
        long previousEnd = headEnd;
        long total = 0;
        for (int i = 0; i < count; i++) {
            long entryAt = SeekTable.entryAt(seekOffset, i, version);
            SeekTable.Entry entry = seek.entry(i);
            long offset = entry.chunkOffset();
            long length = entry.chunkLength();
            long expectedOriginal = originalSize(i, (int) count, contentSize, header);
            if (offset < previousEnd || offset > seekOffset || length > seekOffset - offset) {
                throw new CorruptContainerException("seek entry " + i + " points at " + offset + "+" + length
                        + ", outside " + previousEnd + ".." + seekOffset + " or onto another block", H4mk.SEEK,
                        entryAt);
            }
            if (length < H4mk.CHUNK_OVERHEAD + H4mk.minCoreHeader(version)
                    || length > H4mk.CHUNK_OVERHEAD + H4mk.maxCoreHeader(version) + (long) header.blockSize()) {
                throw new CorruptContainerException("seek entry " + i + " has an impossible chunk length " + length,
                        H4mk.SEEK, entryAt + 8);
            }
            if (entry.originalSize() != expectedOriginal) {
                throw new CorruptContainerException("seek entry " + i + " says " + entry.originalSize()
                        + " bytes, the block size gives " + expectedOriginal, H4mk.SEEK, entryAt + 12);
            }
            previousEnd = offset + length;
            total += entry.originalSize();
        }
        if (total != contentSize) {
            throw new CorruptContainerException("seek table sums to " + total + " bytes, trailer says " + contentSize,
                    H4mk.SEEK, seekOffset);
        }
        if (version != H4mk.VERSION_1) {
            ContentRoot.check(trailer.digest(), contentSize, seek, tailOffset);
        }
        return new H4mkRandomAccessReader(source, engines, version, header, contentSize, trailer.digest(), seek,
                hashing);
    }

    public ContainerHeader header() {
        return header;
    }

    public long contentSize() {
        return contentSize;
    }

    public int blockCount() {
        return seek.count();
    }

    /** The format version. */
    public int version() {
        return version;
    }

    /** Version 2: the content root, checked against SEEK when the reader opened; null in version 1. */
    public byte[] contentRoot() {
        return version == H4mk.VERSION_1 ? null : trailerDigest.clone();
    }

    /** Version 1: the trailer's SHA-256 of the whole content, which a range read cannot check; null in version 2. */
    public byte[] contentSha256() {
        return version == H4mk.VERSION_1 ? trailerDigest.clone() : null;
    }

    /** Whether every block a read returns is checked against its SHA-256, bound to the content root (version 2). */
    public boolean sha256Verified() {
        return version != H4mk.VERSION_1;
    }

    /** Writes content bytes {@code [offset, offset + length)} to {@code out}, decoding only the blocks they touch. */
    public void read(long offset, long length, OutputStream out) throws IOException {
        if (offset < 0 || length < 0 || offset > contentSize || length > contentSize - offset) {
            throw new InvalidRangeException(offset, length, contentSize);
        }
        if (length == 0) {
            return;
        }
        long blockSize = header.blockSize();
        int first = (int) (offset / blockSize);
        int last = (int) ((offset + length - 1) / blockSize);
        for (int i = first; i <= last; i++) {
            byte[] block = block(i);
            long blockStart = i * blockSize;
            int from = (int) Math.max(0, offset - blockStart);
            int to = (int) Math.min(block.length, offset + length - blockStart);
            out.write(block, from, to - from);
        }
    }

    /** The content bytes {@code [offset, offset + length)}. */
    public byte[] read(long offset, int length) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(Math.max(0, length));
        read(offset, (long) length, out);
        return out.toByteArray();
    }

    /**
     * Decodes block {@code i}, checking its chunk against the seek entry that led to it and, from version 2 on, its
     * bytes against the SHA-256 SEEK lists for it: what a streamed answer sends block by block.
     */
    public byte[] block(int i) throws IOException {
        CoreBlock block = coreBlock(i);
        ConcurrentBlockHash.Hashed decoded = block.decodeForSeek(header, engines, version, hashing);
        if (version != H4mk.VERSION_1 && !MessageDigest.isEqual(seek.entry(i).sha256(), decoded.sha256())) {
            throw digestMismatch(i, block);
        }
        return decoded.data();
    }

    /**
     * Block {@code i}, checked as {@link #block(int)} checks it, as a block of {@code memory} when it can be decoded
     * there (version 2 on, unfiltered, raw or of an engine that decodes into native memory): hashed there, so that its
     * bytes are never an array; else the array through {@code wrap}. {@code early} (a block decoded before SEEK was
     * read, {@link LeadingBlocks}) is taken as it is (its block of {@code memory}, or its array through {@code wrap})
     * when SEEK places block {@code i} at that very chunk, the size fits, and the SHA-256 SEEK lists for it is the one
     * its bytes had: then it is the same chunk decoded, and checked as {@link #block(int)} would check it. Anything
     * else ({@code early} null, another chunk, another digest, version 1) decodes the block here, which also names
     * what is wrong with it, and gives {@code early}'s block of {@code memory} back. The caller owns what this
     * returns; a block of {@code memory} that fails its check is given back before the exception.
     */
    @SuppressWarnings("unchecked")
    public <B> B block(int i, LeadingBlocks.Decoded early, DirectBlocks<B> memory, Function<byte[], B> wrap)
            throws IOException {
        if (early != null && earlyFits(i, early)) {
            return early.direct() != null ? (B) early.direct() : wrap.apply(early.data());
        }
        if (early != null && early.direct() != null) {
            memory.release((B) early.direct()); // another chunk's, or bytes SEEK does not list: not sent
        }
        CoreBlock block = coreBlock(i);
        CompressionEngine engine = block.engine(block.codecId(header), engines);
        if (!block.decodesInto(engine, version)) {
            ConcurrentBlockHash.Hashed decoded = block.decodeForSeek(header, engines, version, hashing);
            if (version != H4mk.VERSION_1 && !MessageDigest.isEqual(seek.entry(i).sha256(), decoded.sha256())) {
                throw digestMismatch(i, block);
            }
            return wrap.apply(decoded.data());
        }
        CoreBlock.InDirectMemory<B> decoded = block.decodeInto(engine, memory);
        if (!MessageDigest.isEqual(seek.entry(i).sha256(), decoded.sha256())) {
            memory.release(decoded.block()); // bytes SEEK does not list: not sent
            throw digestMismatch(i, block);
        }
        return decoded.block();
    }

    /** Whether {@code early} is block {@code i}'s chunk decoded, with the SHA-256 SEEK lists for it. */
    private boolean earlyFits(int i, LeadingBlocks.Decoded early) {
        SeekTable.Entry entry = seek.entry(i);
        return version != H4mk.VERSION_1 && early.chunkOffset() == entry.chunkOffset()
                && early.chunkLength() == entry.chunkLength()
                && early.size() == originalSize(i, seek.count(), contentSize, header)
                && MessageDigest.isEqual(entry.sha256(), early.sha256());
    }

    /** Block {@code i}'s CORE chunk, read and checked against its seek entry, not decoded. */
    private CoreBlock coreBlock(int i) throws IOException {
        SeekTable.Entry entry = seek.entry(i);
        long offset = entry.chunkOffset();
        byte[] payload = chunkAt(source, offset, H4mk.CORE, entry.chunkLength() - H4mk.CHUNK_OVERHEAD, source.size());
        if (payload.length + H4mk.CHUNK_OVERHEAD != entry.chunkLength()) {
            throw new CorruptContainerException("chunk length disagrees with seek entry " + i, H4mk.CORE, offset + 4);
        }
        CoreBlock block = CoreBlock.parse(payload, offset, version);
        long expected = originalSize(i, seek.count(), contentSize, header);
        if (block.originalSize() != expected) {
            throw new CorruptContainerException("block says " + block.originalSize() + " bytes, seek table " + expected,
                    H4mk.CORE, offset + 9);
        }
        return block;
    }

    /**
     * Block {@code i}'s bytes are not the ones SEEK lists: the block's bytes or the engine that decoded them are
     * damaged. Decoding again with the engine's own checks tells which: an engine that returns other bytes than its
     * frame says fails there (a 5xx, not the client's fault); only on this path is the block decoded twice.
     */
    private CorruptContainerException digestMismatch(int i, CoreBlock block) {
        block.decode(block.engine(block.codecId(header), engines), CoreBlock.Check.ENGINE_CHECKSUM);
        return new CorruptContainerException("block " + i + " decodes to bytes whose SHA-256 is not the one SEEK "
                + "lists for it", H4mk.CORE, block.chunkOffset());
    }

    /** Where block {@code i}'s CORE chunk starts, as SEEK says. */
    public long chunkOffset(int i) {
        return seek.entry(i).chunkOffset();
    }

    /** What block {@code i} of {@code count} holds: the block size, except the last, which holds the rest. */
    private static long originalSize(int i, int count, long contentSize, ContainerHeader header) {
        return i == count - 1 ? contentSize - (long) header.blockSize() * i : header.blockSize();
    }

    /** Reads a whole chunk of the given type at {@code offset}, checking length bounds and CRC. */
    private static byte[] chunkAt(RandomAccessSource source, long offset, String type, long maxPayload, long size)
            throws IOException {
        if (offset < 0 || offset > size - H4mk.CHUNK_OVERHEAD) {
            throw new CorruptContainerException("truncated: no room for a chunk", type, offset);
        }
        long room = size - offset - H4mk.CHUNK_OVERHEAD;
        return ChunkFraming.read(ChunkFraming.Input.from(source, offset), offset, (found, length) -> {
            if (!found.equals(type)) {
                throw new CorruptContainerException("expected a " + type + " chunk, found '" + printable(found)
                        + "'", type, offset);
            }
            if (length > maxPayload || length > room) {
                throw new CorruptContainerException("payload length " + length + " does not fit (at most "
                        + Math.min(maxPayload, room) + ")", type, offset + 4);
            }
        }).payload();
    }

    private static String printable(String s) {
        return s.chars().allMatch(c -> c >= 0x20 && c < 0x7F) ? s : "non-ASCII";
    }
}
