package io.harmony4.service;

import io.harmony4.config.ActiveEngine;
import io.harmony4.config.Harmony4Config;
import io.harmony4.container.ContainerInspector;
import io.harmony4.container.ContainerLimits;
import io.harmony4.container.ContainerReport;
import io.harmony4.container.ContainerSummary;
import io.harmony4.container.EngineSet;
import io.harmony4.container.H4mkInputStream;
import io.harmony4.container.H4mkRandomAccessReader;
import io.harmony4.container.LeadingBlocks;
import io.harmony4.container.RandomAccessSource;
import io.harmony4.engine.CompressionEngine;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * What the API does, below HTTP: request limits, engines per level, the block pool, and spooling results until they
 * are verified (in memory within a service-wide {@link MemoryBudget}). Runs on worker threads, or on virtual threads
 * of requests whose bodies the HTTP layer feeds on its event loop; blocks go to the {@link BlockPool}.
 */
@ApplicationScoped
public class ContainerService {
    /** Smallest block size a request may ask for: smaller blocks only add overhead. */
    public static final int MIN_BLOCK_SIZE = 1024;
    /**
     * How often the blocks that results wait in are trimmed to what the load since the last time needed: after a
     * burst, they go back to the system within two periods instead of staying resident up to the memory budget.
     */
    static final long IDLE_TRIM_SECONDS = 30;
    private static final Logger LOG = Logger.getLogger(ContainerService.class);

    private final ActiveEngine active;
    private final EngineSet decoders;
    private final BlockPool pool;
    private final ContainerLimits limits;
    private final long maxRequestSize;
    private final int defaultBlockSize;
    private final int maxBlockSize;
    private final MemoryBudget memoryBudget;
    private final Path spoolDir;
    /** Where decompressions decode their blocks, whole content and streamed, to be sent from there. */
    private final DecodedBlockMemory blockMemory;
    /** Where compressions assemble the blocks of their bodies: up to one request's worth kept between requests. */
    private final BlockArrays blockArrays;
    /** Frees the idle blocks of {@link #blockMemory} that the last period's load did not need. */
    private final ScheduledExecutorService idleTrim;

    ContainerService(ActiveEngine active, EngineSet decoders, BlockPool pool, Harmony4Config config) {
        this.active = active;
        this.decoders = decoders;
        this.pool = pool;
        Harmony4Config.Limits l = config.limits();
        this.maxBlockSize = (int) Math.min(Integer.MAX_VALUE - 64, l.maxBlockSize().asLongValue());
        this.limits = new ContainerLimits(maxBlockSize, l.maxBlockCount(), l.maxContentSize().asLongValue(),
                l.maxExpansionRatio());
        this.maxRequestSize = l.maxRequestSize().asLongValue();
        this.defaultBlockSize = (int) Math.min(maxBlockSize, config.container().blockSize().asLongValue());
        this.memoryBudget = new MemoryBudget(config.spool().memoryBudget().asLongValue());
        this.spoolDir = Path.of(config.spool().dir().orElse(System.getProperty("java.io.tmpdir")));
        // blocks (decoded, or the spools' copies) kept idle for reuse while those held and idle together fit in what
        // held results may use
        this.blockMemory = new DecodedBlockMemory(defaultBlockSize, memoryBudget.capacity());
        int arraysPerRequest = CompressionIngest.arraysPerRequest(pool.parallelism());
        this.blockArrays = BlockArrays.forRequests(defaultBlockSize, arraysPerRequest);
        try {
            Files.createDirectories(spoolDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the spool folder harmony4.spool.dir: " + e.getMessage(), e);
        }
        // started last: a constructor that fails leaves no thread behind
        this.idleTrim = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("harmony4-idle-blocks").factory());
        idleTrim.scheduleWithFixedDelay(() -> trimIdleBlocks(arraysPerRequest), IDLE_TRIM_SECONDS, IDLE_TRIM_SECONDS,
                TimeUnit.SECONDS);
    }

    /**
     * A compression request's parameters, checked in this order and each refused as the parameter it is: the
     * {@code level} (null: the configured engine), the {@code blockSize} (null: the configured one; else within
     * the limits), the {@code filter} and its {@code elementSize} ({@link CompressOptions#filters}).
     */
    public CompressOptions options(Integer level, Integer blockSize, String filter, Integer elementSize) {
        return new CompressOptions(engineFor(level), blockSizeFor(blockSize),
                CompressOptions.filters(filter, elementSize));
    }

    private CompressionEngine engineFor(Integer level) {
        return EngineLevels.at(active, level);
    }

    private int blockSizeFor(Integer blockSize) {
        if (blockSize == null) {
            return defaultBlockSize;
        }
        if (blockSize < MIN_BLOCK_SIZE || blockSize > maxBlockSize) {
            throw new InvalidParameterException("blockSize", "blockSize must be between " + MIN_BLOCK_SIZE + " and "
                    + maxBlockSize + " bytes (harmony4.limits.max-block-size), got " + blockSize);
        }
        return blockSize;
    }

    /** Refuses a declared body length above the limit before reading any of it. */
    public void checkDeclaredLength(Long contentLength) {
        if (contentLength != null && contentLength > maxRequestSize) {
            throw new RequestTooLargeException(maxRequestSize);
        }
    }

    /**
     * A finished container, waiting in its spool, with the size and the content root of the content it holds; the
     * spool is null when the container was streamed to the client as it was made.
     */
    public record Compressed(Spool container, long contentSize, String root) {}

    /**
     * Starts a compression that the HTTP layer feeds with the body's buffers as they arrive
     * ({@link CompressionIngest}), within the request size limit, into a spool.
     *
     * @param declaredLength the body's {@code Content-Length}, or -1 when it comes in chunks
     * @param resume         run when a refused buffer may be offered again ({@link CompressionIngest#retry()})
     */
    public CompressionIngest startCompression(CompressOptions options, long declaredLength, Runnable resume) {
        Spool spool = spool();
        CompressionIngest ingest = new CompressionIngest(spool, spool, options, pool.executor(), blockArrays,
                pool.parallelism(), maxRequestSize, declaredLength, resume);
        ingest.start();
        return ingest;
    }

    /**
     * As {@link #startCompression}, but the container goes to {@code answer} as it is made, chunk by chunk in order
     * (delivery=streamed), instead of into a spool; {@code answer}'s writes may wait, which slows the compression.
     */
    public CompressionIngest startStreamedCompression(CompressOptions options, long declaredLength, Runnable resume,
            OutputStream answer) {
        CompressionIngest ingest = new CompressionIngest(null, answer, options, pool.executor(), blockArrays,
                pool.parallelism(), maxRequestSize, declaredLength, resume);
        ingest.start();
        return ingest;
    }

    /**
     * A body held in memory as the HTTP layer receives it ({@link HeldBody}), in arrays of the default block size,
     * within the request size limit and the memory budget held results share: the echo baseline of the
     * benchmarks. The caller must {@link HeldBody#release} it when its exchange ends.
     *
     * @param declaredLength the body's {@code Content-Length}, or -1 when it comes in chunks
     */
    public HeldBody holdBody(long declaredLength) {
        return new HeldBody(defaultBlockSize, maxRequestSize, memoryBudget, declaredLength);
    }

    /**
     * Starts decoding a whole container that the HTTP layer feeds with the body's buffers as they arrive: each block
     * goes to the block pool as soon as its chunk is complete ({@link #decompress}, on a virtual thread of the
     * request, reading a queue of about a block).
     *
     * @param resume run when a refused buffer may be offered again ({@link BodyIngest#retry()})
     */
    public BodyIngest<Decompressed> startDecompression(Runnable resume) {
        return startReading(resume, this::decompress);
    }

    /**
     * Starts decoding bytes [offset, offset + length) of a container fed as in {@link #startDecompression}, once it
     * is received whole ({@link #decompressRange}); the range is checked first, before a byte of the body is read.
     */
    public BodyIngest<Decompressed> startRangeDecompression(long offset, Long length, Runnable resume) {
        checkRange(offset, length);
        return startReading(resume, body -> decompressRange(body, offset, length));
    }

    /** Starts {@code work} on a body the HTTP layer feeds as in {@link #startDecompression}, within the request limit. */
    <T> BodyIngest<T> startReading(Runnable resume, BodyReader.Work<T> work) {
        return BodyReader.start(maxRequestSize, resume, work);
    }

    /**
     * Blocks of direct memory that results hold (decoded blocks, and the spools' copies), not yet sent or given back:
     * 0 once every exchange ended.
     */
    public long decodedBlocksHeld() {
        return blockMemory.blocksHeld();
    }

    /** Where decompressions decode the blocks they send from direct memory. */
    DecodedBlockMemory decodedBlockMemory() {
        return blockMemory;
    }

    /** The memory that results held on the heap share ({@code harmony4.spool.memory-budget}). */
    public MemoryBudget memoryBudget() {
        return memoryBudget;
    }

    /** The body, within the request size limit, spooled as it is: for range reads. */
    public Spool receive(InputStream body) throws IOException {
        Spool spool = spool();
        try {
            new LimitedInputStream(body, maxRequestSize).transferTo(spool);
            return spool;
        } catch (IOException | RuntimeException | Error e) {
            spool.close();
            throw e;
        }
    }

    /**
     * Verified content (or a range of it) in its spool, the size of the container it came from, and what it was
     * verified against.
     *
     * @param root    the content root (version 2), checked, every block returned verified against it; null for
     *                version 1
     * @param sha256  the SHA-256 of the whole content (version 1, whole decodes only), checked; else null
     * @param engines the engine ids the container's header names (whole decodes and ranges)
     */
    public record Decompressed(Spool content, long containerSize, String root, String sha256, List<String> engines) {
        /** Whether every byte returned was checked against a SHA-256: the blocks' (version 2) or the content's. */
        public boolean sha256Verified() {
            return root != null || sha256 != null;
        }
    }

    /** Decodes a whole container, checking everything, into a spool; nothing is returned unless all checks pass. */
    public Decompressed decompress(InputStream body) throws IOException {
        Spool spool = spool();
        ContainerSummary seen = new ContainerSummary();
        LimitedInputStream in = new LimitedInputStream(body, maxRequestSize);
        try (H4mkInputStream h4 = new H4mkInputStream(in, decoders, limits, pool.executor(), pool.parallelism(),
                H4mkInputStream.Mode.DECODE, seen)) {
            // kept as they were decoded: in direct memory where the block allows it, else as arrays
            h4.transferBlocks(spool::append, blockMemory, spool::appendDirect);
            return new Decompressed(spool, in.count(), seen.contentRoot(), seen.contentSha256(),
                    seen.header().engineIds());
        } catch (IOException | RuntimeException | Error e) {
            spool.close();
            throw e;
        }
    }

    /** Decodes bytes [offset, offset + length) through the seek table; length null means to the end. */
    public Decompressed decompressRange(InputStream body, long offset, Long length) throws IOException {
        checkRange(offset, length);
        try (Spool request = receive(body); Spool.Source source = request.openSource()) {
            Spool out = spool();
            try {
                H4mkRandomAccessReader reader = readRange(source, offset, length, out);
                byte[] root = reader.contentRoot();
                return new Decompressed(out, request.size(), root == null ? null : HexFormat.of().formatHex(root),
                        null, reader.header().engineIds());
            } catch (IOException | RuntimeException | Error e) {
                out.close();
                throw e;
            }
        }
    }

    /** Refuses a negative offset or length, each as the parameter it is, before a byte of the body is read. */
    static void checkRange(long offset, Long length) {
        if (offset < 0) {
            throw new InvalidParameterException("offset", "offset must not be negative, got " + offset);
        }
        if (length != null && length < 0) {
            throw new InvalidParameterException("length", "length must not be negative, got " + length);
        }
    }

    private H4mkRandomAccessReader readRange(RandomAccessSource source, long offset, Long length, OutputStream out)
            throws IOException {
        H4mkRandomAccessReader reader = H4mkRandomAccessReader.open(source, decoders, limits, pool.executor());
        long n = length != null ? length : Math.max(0, reader.contentSize() - offset);
        reader.read(offset, n, out);
        return reader;
    }

    /**
     * Decodes the first {@code count} blocks of a range while its container is received ({@link LeadingBlocks#watch}),
     * into the decoded block memory where they can be, for {@link H4mkRandomAccessReader#block(int,
     * LeadingBlocks.Decoded, io.harmony4.container.DirectBlocks, java.util.function.Function)} to take once SEEK says
     * they are the range's.
     */
    LeadingBlocks leadingBlocks(long offset, Long length, int count) {
        return new LeadingBlocks(offset, length, count, decoders, limits, pool.executor(), blockMemory);
    }

    /** Opens a received container for reads block by block: TAIL, SEEK and the content root checked. */
    H4mkRandomAccessReader openReader(RandomAccessSource source) throws IOException {
        return H4mkRandomAccessReader.open(source, decoders, limits, pool.executor());
    }

    public ContainerReport verify(InputStream body) throws IOException {
        return ContainerInspector.verify(new LimitedInputStream(body, maxRequestSize), decoders, limits,
                pool.executor(), pool.parallelism());
    }

    public ContainerReport inspect(InputStream body) throws IOException {
        return ContainerInspector.inspect(new LimitedInputStream(body, maxRequestSize), limits);
    }

    /** One trim; a failure is logged, never thrown, since it would cancel every later one. */
    private void trimIdleBlocks(long keep) {
        try {
            blockMemory.trimIdle(keep);
        } catch (RuntimeException | Error e) {
            LOG.warnf(e, "freeing idle result blocks failed; the next trim tries again in %d s", IDLE_TRIM_SECONDS);
        }
    }

    @PreDestroy
    void stopIdleTrim() {
        idleTrim.shutdownNow();
    }

    /** A spool whose copies go into the decoded block memory, so that it is sent to a socket as it is. */
    private Spool spool() {
        return new Spool(memoryBudget, spoolDir, blockMemory);
    }
}
