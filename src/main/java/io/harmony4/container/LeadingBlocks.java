package io.harmony4.container;

import io.harmony4.engine.CompressionEngine;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The first blocks of a range, decoded while the rest of their container is still arriving: SEEK and TAIL come last,
 * so a reader that must check them first ({@link H4mkRandomAccessReader}) would otherwise start decoding only once
 * the whole container is in. Fed the container's bytes in file order ({@link #watch}), this finds the CORE chunks by
 * their framing (HEAD first, as every container has it) and decodes the wanted ones on {@code executor}, each with the
 * SHA-256 of its bytes. Nothing decoded here is trusted or sent: {@link H4mkRandomAccessReader#block(int, Decoded,
 * DirectBlocks, java.util.function.Function)} takes a block from here only when SEEK places it at that very chunk and
 * lists that SHA-256. Input that breaks the framing, a version 1 container, or anything unexpected just stops the
 * early decoding; the reader names the fault. At most {@code count} chunks are copied and decoded, each within HEAD's
 * block size.
 */
public final class LeadingBlocks implements AutoCloseable {
    /**
     * A CORE chunk decoded before SEEK was read: where it was, its length with framing, its bytes (an array, or a
     * block of the direct memory given, the other null), how many, and their digest. Whoever takes one with a block of
     * direct memory owns that block.
     */
    public record Decoded(long chunkOffset, long chunkLength, byte[] data, Object direct, long size, byte[] sha256) {}

    private enum Step { PREAMBLE, CHUNK_HEAD, HEAD_CHUNK, CORE_CHUNK, SKIP, DONE }

    private static final CompletableFuture<Decoded> NONE = CompletableFuture.completedFuture(null);

    private final long contentOffset;
    private final long contentLength;
    private final int count;
    private final EngineSet engines;
    private final ContainerLimits limits;
    private final Executor executor;
    /** Where blocks that can be are decoded ({@link CoreBlock#decodesInto}); null: into arrays. */
    private final DirectBlocks<Object> memory;
    private final Map<Long, CompletableFuture<Decoded>> decoded = new ConcurrentHashMap<>();

    // what the reading thread has parsed so far
    private Step step = Step.PREAMBLE;
    private byte[] gathering = new byte[Preamble.SIZE];
    private int gathered;
    private long skip;
    private long position;
    private long chunkStart;
    private int version;
    private ContainerHeader header;
    private long coreChunks;
    private long firstWanted;
    private long wantedEnd;
    private boolean closed;

    /**
     * Decodes early the first {@code count} blocks of content bytes {@code [contentOffset, contentOffset +
     * contentLength)} ({@code contentLength} null: to the end).
     */
    public LeadingBlocks(long contentOffset, Long contentLength, int count, EngineSet engines, ContainerLimits limits,
            Executor executor) {
        this(contentOffset, contentLength, count, engines, limits, executor, null);
    }

    /**
     * As the other constructor, but each block that can be (version 2 on, unfiltered, raw or of an engine that decodes
     * into native memory) is decoded into a block of {@code memory}, and hashed there: its taker owns it, and those
     * not taken are given back to {@code memory} once closed.
     */
    @SuppressWarnings("unchecked")
    public LeadingBlocks(long contentOffset, Long contentLength, int count, EngineSet engines, ContainerLimits limits,
            Executor executor, DirectBlocks<?> memory) {
        this.memory = (DirectBlocks<Object>) memory;
        this.contentOffset = contentOffset;
        this.contentLength = contentLength == null ? -1 : contentLength;
        this.count = contentLength != null && contentLength == 0 ? 0 : count;
        this.engines = engines;
        this.limits = limits;
        this.executor = executor;
        if (this.count == 0) {
            step = Step.DONE;
        }
    }

    /** {@code body} as it is, with each byte read also seen here, in order. */
    public InputStream watch(InputStream body) {
        return new FilterInputStream(body) {
            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    accept(new byte[] {(byte) b}, 0, 1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, len);
                if (n > 0) {
                    accept(b, off, n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                byte[] skipped = new byte[(int) Math.min(n, 8192)];
                int r = read(skipped, 0, skipped.length); // read, so that the chunk offsets stay right
                return Math.max(r, 0);
            }
        };
    }

    /** The early decode of the CORE chunk at {@code chunkOffset}: a block, or null when there is none (or it failed). */
    public synchronized CompletableFuture<Decoded> take(long chunkOffset) {
        CompletableFuture<Decoded> early = decoded.remove(chunkOffset);
        return early == null ? NONE : early;
    }

    /**
     * Starts no more decodes and forgets those not taken: a decode that started ends on its own, and then gives its
     * block of direct memory back.
     */
    @Override
    public synchronized void close() {
        closed = true;
        for (CompletableFuture<Decoded> block : decoded.values()) {
            block.thenAccept(this::giveBack);
        }
        decoded.clear();
    }

    /** Gives back {@code early}'s block of direct memory, if it has one: for a taker that does not use it. */
    public void giveBack(Decoded early) {
        if (early != null && early.direct() != null) {
            memory.release(early.direct());
        }
    }

    private void accept(byte[] b, int off, int len) {
        try {
            while (len > 0 && step != Step.DONE) {
                if (step == Step.SKIP) {
                    int n = (int) Math.min(len, skip);
                    skip -= n;
                    position += n;
                    off += n;
                    len -= n;
                    if (skip == 0) {
                        expect(Step.CHUNK_HEAD, ChunkFraming.HEAD_SIZE);
                    }
                    continue;
                }
                int n = Math.min(len, gathering.length - gathered);
                System.arraycopy(b, off, gathering, gathered, n);
                gathered += n;
                position += n;
                off += n;
                len -= n;
                if (gathered == gathering.length) {
                    gatheredAll();
                }
            }
        } catch (RuntimeException e) {
            step = Step.DONE; // the reader will meet the same fault and name it
            gathering = null;
        }
    }

    private void expect(Step next, long bytes) {
        step = next;
        gathering = new byte[(int) bytes];
        gathered = 0;
        if (next == Step.CHUNK_HEAD) {
            chunkStart = position;
        }
    }

    private void gatheredAll() {
        switch (step) {
            case PREAMBLE -> {
                version = Preamble.decode(gathering).version();
                if (version == H4mk.VERSION_1) {
                    step = Step.DONE; // no block digests to check an early block against
                } else {
                    expect(Step.CHUNK_HEAD, ChunkFraming.HEAD_SIZE);
                }
            }
            case CHUNK_HEAD -> chunkHead();
            case HEAD_CHUNK -> {
                byte[] payload = chunk(H4mk.HEAD);
                header = ContainerHeader.decode(payload, chunkStart + ChunkFraming.HEAD_SIZE, limits);
                firstWanted = contentOffset / header.blockSize();
                wantedEnd = firstWanted + count;
                if (contentLength >= 0) { // the range may end before
                    wantedEnd = Math.min(wantedEnd, (contentOffset + contentLength - 1) / header.blockSize() + 1);
                }
                expect(Step.CHUNK_HEAD, ChunkFraming.HEAD_SIZE);
            }
            case CORE_CHUNK -> {
                long offset = chunkStart;
                byte[] payload = chunk(H4mk.CORE);
                decode(offset, payload);
                coreChunks++;
                if (coreChunks >= wantedEnd) {
                    step = Step.DONE;
                    gathering = null;
                } else {
                    expect(Step.CHUNK_HEAD, ChunkFraming.HEAD_SIZE);
                }
            }
            default -> throw new IllegalStateException("nothing to gather in step " + step);
        }
    }

    /** A chunk's type and length are in: gather it, skip it, or stop. */
    private void chunkHead() {
        String type = new String(gathering, 0, 4, StandardCharsets.US_ASCII);
        long length = Integer.toUnsignedLong(LittleEndian.decodeInt(gathering, 4));
        long rest = length + H4mk.CHUNK_OVERHEAD - ChunkFraming.HEAD_SIZE; // the payload and the CRC
        if (header == null) {
            if (!type.equals(H4mk.HEAD) || length > H4mk.MAX_HEAD_PAYLOAD) {
                throw new CorruptContainerException("no HEAD first", type, chunkStart);
            }
            gatherChunk(Step.HEAD_CHUNK, rest);
        } else if (type.equals(H4mk.CORE) && coreChunks >= firstWanted) {
            if (length > H4mk.maxCoreHeader(version) + (long) header.blockSize()) {
                throw new CorruptContainerException("a CORE chunk larger than a block", type, chunkStart);
            }
            gatherChunk(Step.CORE_CHUNK, rest);
        } else if (type.equals(H4mk.SEEK) || type.equals(H4mk.TAIL)) {
            step = Step.DONE; // no more blocks
            gathering = null;
        } else {
            if (type.equals(H4mk.CORE)) {
                coreChunks++; // a block before the range
            }
            step = Step.SKIP;
            skip = rest;
            gathering = null;
        }
    }

    /** Keeps the chunk head gathered and gathers the rest of the chunk after it. */
    private void gatherChunk(Step next, long rest) {
        byte[] head = gathering;
        gathering = new byte[(int) (ChunkFraming.HEAD_SIZE + rest)];
        System.arraycopy(head, 0, gathering, 0, ChunkFraming.HEAD_SIZE);
        gathered = ChunkFraming.HEAD_SIZE;
        step = next;
    }

    /** The payload of the chunk gathered, its CRC checked. */
    private byte[] chunk(String type) {
        try {
            return ChunkFraming.read(ChunkFraming.Input.from(RandomAccessSource.of(gathering), 0), chunkStart,
                    (found, length) -> {
                        if (!found.equals(type)) {
                            throw new IllegalStateException("gathered a " + found + " chunk for a " + type);
                        }
                    }).payload();
        } catch (IOException e) {
            throw new IllegalStateException("an array does not fail to read", e);
        }
    }

    private synchronized void decode(long offset, byte[] payload) {
        if (closed) {
            return;
        }
        int v = version;
        ContainerHeader h = header;
        long chunkLength = H4mk.CHUNK_OVERHEAD + (long) payload.length;
        CompletableFuture<Decoded> block = BlockTasks.supply(() -> {
            CoreBlock core = CoreBlock.parse(payload, offset, v);
            if (core.originalSize() > h.blockSize()) {
                return null;
            }
            CompressionEngine engine = core.engine(core.codecId(h), engines);
            if (memory != null && core.decodesInto(engine, v)) {
                CoreBlock.InDirectMemory<Object> decoded = core.decodeInto(engine, memory);
                return new Decoded(offset, chunkLength, null, decoded.block(), core.originalSize(), decoded.sha256());
            }
            ConcurrentBlockHash.Hashed hashed = core.decodeForSeek(h, engines, v, null);
            return new Decoded(offset, chunkLength, hashed.data(), null, hashed.data().length, hashed.sha256());
        }, executor).exceptionally(e -> null); // failed, or dropped by a pool shutting down: the reader decodes it
        decoded.put(offset, block);
    }
}
