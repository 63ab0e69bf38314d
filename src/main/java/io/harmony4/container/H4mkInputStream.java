package io.harmony4.container;

import io.harmony4.digest.Sha256;
import io.harmony4.engine.CompressionEngine;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Reads an H4MK container from a stream and yields the original bytes, checking everything on the way: every CRC,
 * every block's size, the seek table against the chunks actually read, and at the end the trailer and the content's
 * digests: in version 2 each block's SHA-256 against SEEK and SEEK against the content root in TAIL, in version 1
 * the SHA-256 of the whole content. The last {@code read} returns -1 only after all checks passed; a problem is
 * thrown as a typed exception ({@link CorruptContainerException}, {@link LimitExceededException},
 * {@link UnsupportedCodecException}).
 *
 * <p>Blocks are decoded, and in version 2 hashed, on the executor, up to {@code 2 × parallelism} ahead of the
 * reader, so the workers keep decoding while the reader hands out the current block. In {@link Mode#STRUCTURE_ONLY}
 * blocks are framed and CRC-checked but not decoded, and no content is returned (inspection).
 */
public final class H4mkInputStream extends InputStream {
    /** What the reader does with each block. */
    public enum Mode {
        /** Decodes it, checks it against its digest and returns its bytes. */
        DECODE,
        /** Checks its framing, CRC and sizes only; returns no content. */
        STRUCTURE_ONLY
    }

    private final ChunkReader chunks;
    private final EngineSet engines;
    private final ContainerLimits limits;
    private final int parallelism;
    private final boolean decode;
    private final ContainerVisitor visitor;
    /** Version 1 only: the SHA-256 of the whole content, one sequential hash on the reader's thread. */
    private final MessageDigest contentSha256 = Sha256.newDigest();
    /** Decoded blocks in content order, some still being decoded; each checked for its size by CoreBlock. */
    private final BlocksInFlight<DecodedBlock> pending;
    /** Where the CORE chunks read are, as SEEK must list them; dropped once SEEK has been checked against it. */
    private List<SeekTable.Entry> blocksRead = new ArrayList<>();
    /** Version 2: the SHA-256 of each block handed out, computed by the worker that decoded it. */
    private final List<byte[]> blockDigests = new ArrayList<>();

    private int version;
    private ContainerHeader header;
    /** SEEK as listed, kept until the trailer for its digests (version 2). */
    private SeekTable seekTable;
    private long blockCount;
    private long declaredContent;
    private long lastBlockSize = -1;
    private long seekOffset;
    private boolean seekRead;
    private boolean done;
    private byte[] current = new byte[0];
    private int currentPos;
    /** Where blocks that can be are decoded, outside the heap ({@link #transferBlocks}); null: into arrays. */
    private DirectBlocks<Object> direct;
    /** The block handed out next, when it was decoded into {@link #direct}; else null. */
    private Object currentDirect;
    /** Closed: blocks not started yet are skipped, so that closing waits only for those being decoded. */
    private volatile boolean abandoned;


    public H4mkInputStream(InputStream in, EngineSet engines, ContainerLimits limits, Executor executor,
            int parallelism, Mode mode, ContainerVisitor visitor) {
        this.chunks = new ChunkReader(Objects.requireNonNull(in, "in"));
        this.engines = Objects.requireNonNull(engines, "engines");
        this.limits = Objects.requireNonNull(limits, "limits");
        if (parallelism < 1 || (parallelism > 1 && executor == null)) {
            throw new IllegalArgumentException("parallelism " + parallelism + " needs an executor when above 1");
        }
        this.parallelism = parallelism;
        this.decode = Objects.requireNonNull(mode, "mode") == Mode.DECODE;
        this.pending = new BlocksInFlight<>(parallelism == 1 || !decode ? null : executor, "decoding");
        this.visitor = Objects.requireNonNull(visitor, "visitor");
    }

    public H4mkInputStream(InputStream in, EngineSet engines) {
        this(in, engines, ContainerLimits.DEFAULT, null, 1, Mode.DECODE, ContainerVisitor.NONE);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (currentPos == current.length) {
            if (!nextBlock()) {
                return -1;
            }
        }
        int n = Math.min(len, current.length - currentPos);
        System.arraycopy(current, currentPos, b, off, n);
        currentPos += n;
        return n;
    }

    /** Hands out whole decoded blocks, without the copy through a caller's buffer. */
    @Override
    public long transferTo(java.io.OutputStream out) throws IOException {
        long total = 0;
        do {
            int n = current.length - currentPos;
            if (n > 0) {
                out.write(current, currentPos, n);
                currentPos = current.length;
                total += n;
            }
        } while (nextBlock());
        return total;
    }

    /**
     * Hands each decoded block to {@code sink} as the array it was decoded into, whole and in order, without a copy:
     * the reader keeps no reference to it, so a caller may keep the blocks as they are. Runs every check; a problem
     * is thrown after the blocks before it were handed out, so a caller that must not use unverified content waits
     * for this method to return. Not to be mixed with reads that left a block handed out in part.
     *
     * @return the content's size
     */
    public long transferBlocks(Consumer<byte[]> sink) throws IOException {
        return transferBlocks(sink, null, block -> {});
    }

    /**
     * As {@link #transferBlocks(Consumer)}, but each block that can be (version 2 on, unfiltered, raw or of an engine
     * that decodes into native memory: {@link io.harmony4.engine.DirectDecompression}) is decoded into a block of
     * {@code memory} and hashed there, and handed to {@code directSink}, which owns it from then on, even when it
     * throws; the others go to {@code sink} as arrays. Blocks decoded ahead and not handed out are given back to
     * {@code memory} when this stream is closed, which waits for those being decoded.
     *
     * @param memory null: every block to {@code sink}
     */
    @SuppressWarnings("unchecked")
    public <B> long transferBlocks(Consumer<byte[]> sink, DirectBlocks<B> memory, Consumer<B> directSink)
            throws IOException {
        if (currentPos != current.length) {
            throw new IllegalStateException("a block was read in part");
        }
        direct = (DirectBlocks<Object>) memory;
        long total = 0;
        while (nextBlock()) {
            if (currentDirect != null) {
                B block = (B) currentDirect;
                currentDirect = null;
                total += memory.buffer(block).remaining();
                directSink.accept(block);
                continue;
            }
            byte[] block = current;
            current = new byte[0];
            currentPos = 0;
            total += block.length;
            sink.accept(block);
        }
        return total;
    }

    /** Reads through to the end, running every check, keeping nothing. */
    public void verifyToEnd() throws IOException {
        while (nextBlock()) {
            currentPos = current.length;
        }
    }

    /** Moves to the next decoded block; false once the trailer has been read and checked. */
    private boolean nextBlock() throws IOException {
        if (done) {
            return false;
        }
        if (header == null) {
            version = chunks.readPreamble().version();
            visitor.preamble(version);
            ChunkFraming.Chunk head = chunks.next(type -> H4mk.MAX_HEAD_PAYLOAD);
            if (head == null) {
                throw new CorruptContainerException("truncated: no HEAD chunk", H4mk.HEAD, chunks.offset());
            }
            if (!head.type().equals(H4mk.HEAD)) {
                throw new CorruptContainerException("first chunk is " + head.type() + ", not HEAD", head.type(),
                        head.offset());
            }
            header = ContainerHeader.decode(head.payload(), head.payloadOffset(), limits);
            visitor.chunk(H4mk.HEAD, head.offset(), head.length());
            visitor.header(header);
        }
        while (pending.size() < 2 * parallelism && !seekRead) {
            readChunk();
        }
        if (pending.isEmpty()) {
            readTrailer();
            done = true;
            return false;
        }
        DecodedBlock block = pending.next();
        if (decode && version == H4mk.VERSION_1) {
            contentSha256.update(block.data());
        } else if (decode) {
            blockDigests.add(block.sha256());
        }
        current = decode && block.data() != null ? block.data() : new byte[0];
        currentDirect = block.direct();
        currentPos = 0;
        return true;
    }

    private void readChunk() throws IOException {
        ChunkFraming.Chunk chunk = chunks.next(this::maxPayload);
        if (chunk == null) {
            throw new CorruptContainerException("truncated: input ends before the SEEK chunk", "file",
                    chunks.offset());
        }
        visitor.chunk(chunk.type(), chunk.offset(), chunk.length());
        switch (chunk.type()) {
            case H4mk.CORE -> readBlock(chunk);
            case H4mk.SEEK -> readSeek(chunk);
            default -> {
                if (H4mk.isCritical(chunk.type())) {
                    throw new CorruptContainerException("unexpected critical chunk " + chunk.type(), chunk.type(),
                            chunk.offset());
                }
                // ancillary chunk: CRC checked, content ignored
            }
        }
    }

    private long maxPayload(String type) {
        return switch (type) {
            case H4mk.CORE -> H4mk.maxCoreHeader(version) + (long) header.blockSize();
            case H4mk.SEEK -> SeekTable.payloadSize(blockCount, version);
            default -> H4mk.MAX_HEAD_PAYLOAD;
        };
    }

    private void readBlock(ChunkFraming.Chunk chunk) {
        CoreBlock block = CoreBlock.parse(chunk.payload(), chunk.offset(), version);
        long at = chunk.payloadOffset();
        long originalSize = block.originalSize();
        if (lastBlockSize >= 0 && lastBlockSize != header.blockSize()) {
            throw new CorruptContainerException("a block of " + lastBlockSize + " bytes that is not the last; "
                    + "every block but the last holds the block size " + header.blockSize(), H4mk.CORE, at);
        }
        if (originalSize == 0 || originalSize > header.blockSize()) {
            throw new CorruptContainerException("block size " + originalSize + " outside 1.." + header.blockSize(),
                    H4mk.CORE, at + 1);
        }
        if (blockCount + 1 > limits.maxBlockCount()) {
            throw new LimitExceededException("block count", blockCount + 1, limits.maxBlockCount(), H4mk.CORE, at);
        }
        if (declaredContent + originalSize > limits.maxContentSize()) {
            throw new LimitExceededException("content size", declaredContent + originalSize,
                    limits.maxContentSize(), H4mk.CORE, at + 1);
        }
        long readSoFar = chunk.offset() + chunk.length();
        if (!limits.expansionAllowed(declaredContent + originalSize, readSoFar)) {
            throw new LimitExceededException("expansion ratio", (declaredContent + originalSize) / readSoFar,
                    limits.maxExpansionRatio(), H4mk.CORE, at + 1);
        }
        String codecId = block.codecId(header);
        if (!decode) {
            pending.submit(() -> NOT_DECODED); // inspection: framing and CRC only
        } else {
            CompressionEngine engine = block.engine(codecId, engines);
            boolean hashed = version != H4mk.VERSION_1;
            // Decoded and, from version 2 on, hashed on the pool: every core hashes, the engine's checksum is skipped.
            int blockVersion = version;
            pending.submit(() -> {
                if (abandoned) {
                    return NOT_DECODED;
                }
                DirectBlocks<Object> memory = direct;
                if (memory != null && block.decodesInto(engine, blockVersion)) {
                    CoreBlock.InDirectMemory<Object> decoded = block.decodeInto(engine, memory);
                    return new DecodedBlock(null, decoded.sha256(), decoded.block());
                }
                byte[] data = block.decode(engine, CoreBlock.Check.forVersion(blockVersion));
                return new DecodedBlock(data, hashed ? Sha256.of(data) : null, null);
            });
        }
        visitor.block(blockCount, chunk.offset(), chunk.length(), (int) originalSize, codecId, block.filters());
        blocksRead.add(new SeekTable.Entry(chunk.offset(), chunk.length(), originalSize, null));
        blockCount++;
        declaredContent += originalSize;
        lastBlockSize = originalSize;
    }

    /**
     * A block's original bytes, in an array or in a block of {@link #direct} (the other null), and, from version 2
     * on, their SHA-256.
     */
    private record DecodedBlock(byte[] data, byte[] sha256, Object direct) {}

    /** What inspection hands on for a block it does not decode. */
    private static final DecodedBlock NOT_DECODED = new DecodedBlock(null, null, null);

    private void readSeek(ChunkFraming.Chunk chunk) {
        byte[] p = chunk.payload();
        if (p.length != SeekTable.payloadSize(blockCount, version)
                || SeekTable.declaredCount(p, chunk.offset()) != blockCount) {
            throw new CorruptContainerException("seek table does not list the " + blockCount + " blocks read",
                    H4mk.SEEK, chunk.payloadOffset());
        }
        SeekTable listed = SeekTable.decode(p, chunk.offset(), version);
        for (int i = 0; i < blocksRead.size(); i++) {
            SeekTable.Entry entry = listed.entry(i);
            SeekTable.Entry block = blocksRead.get(i);
            if (!entry.sameLocation(block)) {
                throw new CorruptContainerException("seek entry " + i + " (offset " + entry.chunkOffset()
                        + ", length " + entry.chunkLength() + ", size " + entry.originalSize()
                        + ") disagrees with the CORE chunk at offset " + block.chunkOffset(), H4mk.SEEK,
                        SeekTable.entryAt(chunk.offset(), i, version));
            }
        }
        blocksRead = null;
        seekTable = listed;
        seekOffset = chunk.offset();
        seekRead = true;
    }

    private void readTrailer() throws IOException {
        ChunkFraming.Chunk tail = chunks.next(type -> Trailer.PAYLOAD_SIZE);
        if (tail == null) {
            throw new CorruptContainerException("truncated: no TAIL chunk", H4mk.TAIL, chunks.offset());
        }
        if (!tail.type().equals(H4mk.TAIL)) {
            throw new CorruptContainerException("expected a " + Trailer.PAYLOAD_SIZE + "-byte TAIL after SEEK",
                    tail.type(), tail.offset());
        }
        Trailer trailer = Trailer.decode(tail.payload(), tail.offset());
        visitor.chunk(H4mk.TAIL, tail.offset(), tail.length());
        if (trailer.contentSize() != declaredContent) {
            throw new CorruptContainerException("trailer content size " + trailer.contentSize() + " is not the "
                    + declaredContent + " bytes in the blocks", H4mk.TAIL, Trailer.contentSizeAt(tail.offset()));
        }
        if (trailer.blockCount() != blockCount) {
            throw new CorruptContainerException("trailer block count " + trailer.blockCount() + " is not the "
                    + blockCount + " blocks read", H4mk.TAIL, Trailer.blockCountAt(tail.offset()));
        }
        if (trailer.seekOffset() != seekOffset) {
            throw new CorruptContainerException("trailer points at " + trailer.seekOffset()
                    + " for SEEK, which is at " + seekOffset, H4mk.TAIL, Trailer.seekOffsetAt(tail.offset()));
        }
        if (version == H4mk.VERSION_1) {
            if (decode && !MessageDigest.isEqual(trailer.digest(), contentSha256.digest())) {
                throw new CorruptContainerException("SHA-256 of the decoded content does not match the trailer",
                        H4mk.TAIL, Trailer.digestAt(tail.offset()));
            }
        } else {
            if (decode) {
                checkBlockDigests();
            }
            ContentRoot.check(trailer.digest(), trailer.contentSize(), seekTable, tail.offset());
        }
        if (chunks.next(type -> 0) != null) {
            throw new CorruptContainerException("data after the TAIL chunk", "file", tail.offset() + tail.length());
        }
        visitor.trailer(trailer.contentSize(), trailer.blockCount(), trailer.seekOffset(), trailer.digest());
    }

    /** Version 2: every decoded block against the SHA-256 that SEEK lists for it. */
    private void checkBlockDigests() {
        for (int i = 0; i < blockDigests.size(); i++) {
            SeekTable.Entry listed = seekTable.entry(i);
            if (!MessageDigest.isEqual(listed.sha256(), blockDigests.get(i))) {
                // By now the block's bytes are gone, so unlike a range read this cannot tell a damaged block from an
                // engine that decoded it wrong; the engine's periodic self-test watches for the latter.
                throw new CorruptContainerException("block " + i + " decodes to bytes whose SHA-256 is not the one "
                        + "SEEK lists for it (the block, or the engine that decoded it, is damaged)", H4mk.CORE,
                        listed.chunkOffset());
            }
        }
    }

    @Override
    public void close() throws IOException {
        abandoned = true;
        DirectBlocks<Object> memory = direct;
        if (memory == null) {
            pending.cancelAll();
        } else {
            // a block being decoded is written into until its decode returns: given back only then
            pending.drain(block -> {
                if (block.direct() != null) {
                    memory.release(block.direct());
                }
            });
            if (currentDirect != null) {
                memory.release(currentDirect);
                currentDirect = null;
            }
        }
        done = true;
    }
}
