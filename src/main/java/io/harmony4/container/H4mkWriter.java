package io.harmony4.container;

import io.harmony4.digest.Sha256;
import io.harmony4.engine.CompressionEngine;
import io.harmony4.filter.FilterChain;
import io.harmony4.filter.FilterRunner;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes an H4MK container as a stream: input of any length in, container out, with memory bounded by
 * {@code blockSize × (2 × parallelism + 1)} of input plus the blocks' outputs. Blocks are compressed and hashed on the
 * given executor, up to {@code 2 × parallelism} queued so the workers never wait for the caller, and written in input
 * order, so the output bytes do not depend on the parallelism.
 *
 * <p>Given filters, every block goes through them before the engine, and the container is version 3, which records
 * them per block; without, it is version 2, which readers since version 2 read (docs/h4mk.md).
 *
 * <p>{@link #finish()} writes the seek table and trailer; {@link #close()} finishes and closes the target.
 */
public final class H4mkWriter extends OutputStream {
    /** 1 MiB: see docs/benchmarks.md for the measurement behind it. */
    public static final int DEFAULT_BLOCK_SIZE = 1 << 20;
    /** The first block's buffer starts this small and grows with the input, so small inputs stay cheap. */
    private static final int FIRST_BUFFER = 64 * 1024;

    private final OutputStream out;
    private final CompressionEngine engine;
    private final int blockSize;
    private final Executor executor;
    private final int parallelism;
    private final FilterChoice filters;
    /** The core's filters when the engine has them, else Java's: the same bytes. */
    private final FilterRunner filterRunner;
    private final int version;
    private final BlocksInFlight<EncodedBlock> pending;
    private final SeekTable.Builder seekTable;
    /**
     * The hashes of the blocks submitted and not written yet, oldest first: what {@link #abort()} cancels. The newest
     * starts once the next block is submitted (or at the end); the others have started.
     */
    private final Deque<BlockHash> hashesInFlight = new ConcurrentLinkedDeque<>();
    private byte[] block;
    private int fill;
    private long position;
    private long contentSize;
    private boolean finished;
    /** What made a block fail: the container then lacks it, so it is never finished. */
    private Throwable failure;
    private byte[] contentRoot;

    /**
     * @param executor    runs block compression when {@code parallelism > 1}; may be null for {@code parallelism 1}
     * @param parallelism blocks compressed at once; 1 compresses on the calling thread
     */
    public H4mkWriter(OutputStream out, CompressionEngine engine, int blockSize, Executor executor, int parallelism)
            throws IOException {
        this(out, engine, blockSize, executor, parallelism, FilterChoice.NONE);
    }

    /** With the same filters for every block. */
    public H4mkWriter(OutputStream out, CompressionEngine engine, int blockSize, Executor executor, int parallelism,
            FilterChain filters) throws IOException {
        this(out, engine, blockSize, executor, parallelism, new FilterChoice.Fixed(filters));
    }

    /**
     * @param filters what each block goes through before the engine, chosen per block on the worker that compresses
     *     it; a raw block is stored without them
     */
    public H4mkWriter(OutputStream out, CompressionEngine engine, int blockSize, Executor executor, int parallelism,
            FilterChoice filters) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        this.filters = Objects.requireNonNull(filters, "filters");
        this.version = filters.mayFilter() ? H4mk.VERSION_FILTERED : H4mk.VERSION_UNFILTERED;
        this.seekTable = new SeekTable.Builder(version);
        this.engine = Objects.requireNonNull(engine, "engine");
        this.filterRunner = EngineFilters.of(engine);
        if (blockSize < 1) {
            throw new IllegalArgumentException("block size must be positive: " + blockSize);
        }
        if (parallelism < 1 || (parallelism > 1 && executor == null)) {
            throw new IllegalArgumentException("parallelism " + parallelism + " needs an executor when above 1");
        }
        this.blockSize = blockSize;
        this.executor = executor;
        this.parallelism = parallelism;
        this.pending = new BlocksInFlight<>(executor, "compressing");
        this.block = new byte[Math.min(blockSize, FIRST_BUFFER)];
        byte[] preamble = new Preamble(version).encode();
        out.write(preamble);
        position = preamble.length;
        ContainerHeader header = new ContainerHeader(blockSize, List.of(ContainerHeader.Codec.of(engine.info())));
        writeChunk(ChunkFraming.frame(H4mk.HEAD, header.encode()));
    }

    public H4mkWriter(OutputStream out, CompressionEngine engine) throws IOException {
        this(out, engine, DEFAULT_BLOCK_SIZE, null, 1);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (finished) {
            throw new IOException("container already finished");
        }
        refuseAfterFailure();
        while (len > 0) {
            int n = Math.min(len, blockSize - fill);
            if (fill + n > block.length) {
                block = Arrays.copyOf(block, (int) Math.min(blockSize, Math.max(2L * block.length, fill + n)));
            }
            System.arraycopy(b, off, block, fill, n);
            fill += n;
            off += n;
            len -= n;
            if (fill == blockSize) {
                submitBlock();
            }
        }
    }

    /**
     * Takes a block the caller assembled, without copying it: the first {@code n} bytes of {@code data}, a whole
     * block ({@code n == blockSize}) unless it is the last. The writer reads {@code data} until the block's chunk is
     * written, then runs {@code release}, after which the caller may fill the array again; so a caller that recycles
     * a few arrays holds no more memory than the blocks in flight. Not to be mixed with a block {@link #write} left
     * unfinished.
     */
    public void writeBlock(byte[] data, int n, Runnable release) throws IOException {
        Objects.requireNonNull(release, "release");
        Objects.checkFromIndexSize(0, n, data.length);
        if (finished) {
            throw new IOException("container already finished");
        }
        refuseAfterFailure();
        if (fill > 0 || block.length == 0) {
            throw new IllegalStateException(fill > 0 ? "a block written in part is pending"
                    : "a block shorter than the block size was the last");
        }
        if (n < 1 || n > blockSize) {
            throw new IllegalArgumentException("a block holds 1 to " + blockSize + " bytes, got " + n);
        }
        if (n < blockSize) {
            block = new byte[0];
        }
        submit(data, n, release);
    }

    private void submitBlock() throws IOException {
        byte[] data = block;
        int n = fill;
        // A full block means more input may come, in full blocks too; a partial one is the last.
        block = n == blockSize ? new byte[blockSize] : new byte[0];
        fill = 0;
        submit(data, n, NOTHING_TO_RELEASE);
    }

    private static final Runnable NOTHING_TO_RELEASE = () -> {};

    private void submit(byte[] data, int n, Runnable release) throws IOException {
        try {
            submitOrFail(data, n, release);
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
            throw e;
        }
    }

    /** Past a failed block, a write or {@link #finish} would make a container without it: refused. */
    private void refuseAfterFailure() throws IOException {
        if (failure != null) {
            throw new IOException("a block of this container failed, so it cannot be written on or finished", failure);
        }
    }

    private void submitOrFail(byte[] data, int n, Runnable release) throws IOException {
        contentSize += n;
        if (parallelism == 1) {
            writeBlock(encode(data, n, release, BlockHash.computed(data, n)));
            return;
        }
        BlockHash previous = hashesInFlight.peekLast();
        BlockHash hash = new BlockHash(data, n, executor);
        hashesInFlight.add(hash);
        pending.submit(() -> {
            try {
                return encode(data, n, release, hash);
            } finally {
                hash.start(); // the next block did not come yet (the last one, or a slow body): hashed now
            }
        });
        if (previous != null) {
            previous.start();
        }
        while (pending.size() >= 2 * parallelism) {
            writeBlock(pending.next());
        }
    }

    /**
     * A block's CORE chunk, ready to write, what SEEK lists for it besides its place, and what to run once it is
     * written (the chunk of a raw block holds the caller's array).
     */
    private record EncodedBlock(ChunkFraming.Framed chunk, int originalSize, BlockHash sha256, Runnable release) {}

    /**
     * Compresses and frames one block, on the worker that compresses it (its hash is a task of its own); stores the
     * block raw when compression would not make it smaller.
     */
    private EncodedBlock encode(byte[] data, int n, Runnable release, BlockHash hash) {
        byte[] original = n == data.length ? data : Arrays.copyOf(data, n);
        FilterChain chain = filters.choose(original, engine);
        byte[] compressed = engine.compress(chain.apply(original, filterRunner));
        boolean raw = compressed.length >= n;
        byte[] body = raw ? original : compressed;
        byte[] blockHeader = CoreBlock.encodeHeader(version, raw ? H4mk.CODEC_RAW : 1, n,
                raw ? FilterChain.NONE : chain);
        return new EncodedBlock(ChunkFraming.frame(H4mk.CORE, blockHeader, body), n, hash, release);
    }

    private void writeBlock(EncodedBlock b) throws IOException {
        byte[] sha256 = b.sha256().await(); // before the release: the hash reads the caller's array too
        hashesInFlight.remove(b.sha256());
        seekTable.add(new SeekTable.Entry(position, b.chunk().length(), b.originalSize(), sha256));
        writeChunk(b.chunk());
        b.release().run();
    }

    /**
     * A block's SHA-256, in a task of its own, started once: when the next block goes to the executor or when the
     * block's compression ends, whichever comes first. So a free worker hashes one block while another compresses the
     * next, and the last block's compression starts a hash sooner than it would behind its own hash: with a few blocks
     * a request on two workers ended with one compressing the last block while the other had nothing to do.
     */
    private static final class BlockHash {
        private final FutureTask<byte[]> task;
        /** Runs the hash; null runs it on the thread that starts it. */
        private final Executor executor;
        private final AtomicBoolean started = new AtomicBoolean();

        BlockHash(byte[] data, int n, Executor executor) {
            this.task = new FutureTask<>(() -> {
                MessageDigest sha = Sha256.newDigest();
                sha.update(data, 0, n);
                return sha.digest();
            });
            this.executor = executor;
        }

        /** Hashed here, now. */
        static BlockHash computed(byte[] data, int n) {
            BlockHash hash = new BlockHash(data, n, null);
            hash.start();
            return hash;
        }

        void start() {
            if (!started.compareAndSet(false, true)) {
                return;
            }
            if (executor == null) {
                task.run();
                return;
            }
            try {
                executor.execute(task);
            } catch (RejectedExecutionException e) {
                task.run(); // a pool shutting down: hashed here rather than never
            }
        }

        /** Never runs it, if it has not started running yet. */
        void cancel() {
            started.set(true);
            task.cancel(false);
        }

        /** Waits for the digest; only after {@link #start()}. */
        byte[] await() throws IOException {
            return BlocksInFlight.await(task, "hashing");
        }
    }

    /** Writes the last block, the seek table and the trailer. The target stays open. */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        refuseAfterFailure();
        if (fill > 0) {
            submitBlock();
        }
        BlockHash newest = hashesInFlight.peekLast();
        if (newest != null) {
            newest.start();
        }
        try {
            while (!pending.isEmpty()) {
                writeBlock(pending.next());
            }
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
            throw e;
        }
        long seekOffset = position;
        SeekTable table = seekTable.build();
        writeChunk(ChunkFraming.frame(H4mk.SEEK, table.encode()));
        contentRoot = ContentRoot.of(contentSize, table);
        writeChunk(ChunkFraming.frame(H4mk.TAIL, new Trailer(contentSize, seekTable.count(), seekOffset, contentRoot)
                .encode()));
        out.flush();
        finished = true;
    }

    /** Gives up: cancels the blocks still being compressed and writes nothing more. The target stays open. */
    public void abort() {
        finished = true;
        pending.cancelAll();
        hashesInFlight.forEach(BlockHash::cancel); // queued hashes of blocks that will never be written
    }

    /** Finishes the container and closes the target; on failure, cancels the blocks still being compressed. */
    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            abort();
            out.close();
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /**
     * The content root, as written in the trailer: the content's identity, binding every block's SHA-256, size and
     * place (docs/h4mk.md, "Content root"). Available once {@link #finish()} has run.
     */
    public byte[] contentRoot() {
        if (!finished) {
            throw new IllegalStateException("the container is not finished");
        }
        return contentRoot.clone();
    }

    /** Bytes of original content taken so far. */
    public long contentSize() {
        return contentSize + fill;
    }

    private void writeChunk(ChunkFraming.Framed chunk) throws IOException {
        chunk.writeTo(out);
        position += chunk.length();
    }
}
