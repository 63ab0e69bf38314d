package io.harmony4.container;

import io.harmony4.digest.Sha256;
import io.harmony4.engine.CompressionEngine;
import io.harmony4.engine.CorruptInputException;
import io.harmony4.engine.DirectDecompression;
import io.harmony4.engine.SteppedDecompression;
import io.harmony4.engine.UncheckedDecompression;
import io.harmony4.filter.Filter;
import io.harmony4.filter.FilterChain;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.Executor;

/**
 * One CORE chunk's payload (codec index u8, original size u32; in version 3 the filters; then the data) and how to
 * get its original bytes back; shared by the stream reader and the random-access reader so both check a block the
 * same way, and by the writer for the block header it puts before the data.
 *
 * @param codec        the codec index: 0 for raw, else 1-based in the header's table
 * @param originalSize the block's original bytes, as its header says
 * @param filters      what the block went through before its engine; undone after it. Empty before version 3 and
 *                     for raw blocks
 * @param payload      the whole CORE payload
 * @param dataOffset   where the data starts in the payload: after the block header
 * @param chunkOffset  where the CORE chunk starts in the file, for errors
 */
record CoreBlock(int codec, long originalSize, FilterChain filters, byte[] payload, int dataOffset,
        long chunkOffset) {
    /** The block header that starts a CORE payload, before the data: 5 bytes, and in version 3 the filters. */
    static byte[] encodeHeader(int version, int codec, int originalSize, FilterChain filters) {
        boolean listsFilters = version >= H4mk.VERSION_3;
        if (!listsFilters && !filters.isEmpty()) {
            throw new IllegalArgumentException("version " + version + " cannot record filters");
        }
        ByteBuffer header = ByteBuffer.allocate(H4mk.minCoreHeader(version)
                        + H4mk.FILTER_ENTRY_SIZE * filters.stages().size()).order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) codec).putInt(originalSize);
        if (listsFilters) {
            header.put((byte) filters.stages().size());
            for (FilterChain.Stage stage : filters.stages()) {
                header.put((byte) stage.filter().id()).put((byte) stage.elementSize());
            }
        }
        return header.array();
    }

    /** Reads the block header of a CORE payload whose chunk starts at {@code chunkOffset}, in format {@code version}. */
    static CoreBlock parse(byte[] payload, long chunkOffset, int version) {
        long at = chunkOffset + ChunkFraming.HEAD_SIZE;
        int headerSize = H4mk.minCoreHeader(version);
        if (payload.length < headerSize) {
            throw new CorruptContainerException("payload shorter than its " + headerSize + "-byte block header",
                    H4mk.CORE, at);
        }
        int codec = payload[0] & 0xFF;
        long originalSize = Integer.toUnsignedLong(LittleEndian.decodeInt(payload, 1));
        if (version < H4mk.VERSION_3) {
            return new CoreBlock(codec, originalSize, FilterChain.NONE, payload, headerSize, chunkOffset);
        }
        int count = payload[H4mk.CORE_HEADER_SIZE] & 0xFF;
        if (count > FilterChain.MAX_STAGES) {
            throw new CorruptContainerException("block lists " + count + " filters, at most "
                    + FilterChain.MAX_STAGES, H4mk.CORE, at + H4mk.CORE_HEADER_SIZE);
        }
        if (count > 0 && codec == H4mk.CODEC_RAW) {
            throw new CorruptContainerException("a raw block lists filters: it holds its original bytes", H4mk.CORE,
                    at + H4mk.CORE_HEADER_SIZE);
        }
        headerSize += H4mk.FILTER_ENTRY_SIZE * count;
        if (payload.length < headerSize) {
            throw new CorruptContainerException("payload shorter than its block header of " + count + " filters",
                    H4mk.CORE, at);
        }
        FilterChain.Stage[] stages = new FilterChain.Stage[count];
        for (int i = 0; i < count; i++) {
            int entry = H4mk.CORE_HEADER_SIZE + 1 + H4mk.FILTER_ENTRY_SIZE * i;
            int id = payload[entry] & 0xFF;
            int elementSize = payload[entry + 1] & 0xFF;
            Filter filter = Filter.byId(id).orElseThrow(() -> new CorruptContainerException("unknown filter id "
                    + id, H4mk.CORE, at + entry));
            if (!filter.accepts(elementSize)) {
                throw new CorruptContainerException("the " + filter.label() + " filter is not defined for elements of "
                        + elementSize + " bytes", H4mk.CORE, at + entry + 1);
            }
            stages[i] = new FilterChain.Stage(filter, elementSize);
        }
        return new CoreBlock(codec, originalSize, FilterChain.of(stages), payload, headerSize, chunkOffset);
    }

    /**
     * The engine id that made the block, or {@code raw}; checks the codec index against the header's table and a
     * raw block's length against its original size.
     */
    String codecId(ContainerHeader header) {
        long at = chunkOffset + ChunkFraming.HEAD_SIZE;
        if (codec == H4mk.CODEC_RAW) {
            long bodyLength = payload.length - dataOffset;
            if (bodyLength != originalSize) {
                throw new CorruptContainerException("raw block holds " + bodyLength + " bytes, header says "
                        + originalSize, H4mk.CORE, at);
            }
            return "raw";
        }
        if (codec > header.codecs().size()) {
            throw new CorruptContainerException("codec index " + codec + " not in the header's table of "
                    + header.codecs().size(), H4mk.CORE, at);
        }
        return header.codecs().get(codec - 1).engineId();
    }

    /** The engine to decode with: null for a raw block, else the one named by {@code codecId}. */
    CompressionEngine engine(String codecId, EngineSet engines) {
        return codec == H4mk.CODEC_RAW ? null : engines.require(codecId, chunkOffset);
    }

    /** Who checks that a block decoded to its original bytes. */
    enum Check {
        /** The engine, by its own content checksum: version 1, which lists no block digests. */
        ENGINE_CHECKSUM,
        /**
         * The caller, against the block's SHA-256: an engine that can skip its own content checksum
         * ({@link UncheckedDecompression}) does, so the same bytes are hashed once, not twice.
         */
        CALLER_SHA256;

        /** Version 1 lists no block digests; from version 2 on SEEK lists every block's SHA-256. */
        static Check forVersion(int version) {
            return version == H4mk.VERSION_1 ? ENGINE_CHECKSUM : CALLER_SHA256;
        }
    }

    /**
     * The original bytes: the data of a raw block, else what {@code engine} decodes, checked for its size, with the
     * block's filters undone; {@code check} says who checks the bytes besides.
     */
    byte[] decode(CompressionEngine engine, Check check) {
        byte[] body = Arrays.copyOfRange(payload, dataOffset, payload.length);
        if (engine == null) {
            return body;
        }
        byte[] data;
        try {
            data = check == Check.CALLER_SHA256 && engine instanceof UncheckedDecompression unchecked
                    ? unchecked.decompressUnchecked(body)
                    : engine.decompress(body);
        } catch (CorruptInputException e) {
            throw new CorruptContainerException("block does not decode: " + e.getMessage(), H4mk.CORE, chunkOffset);
        }
        if (data.length != originalSize) {
            throw new CorruptContainerException("block decoded to " + data.length + " bytes, header says "
                    + originalSize, H4mk.CORE, chunkOffset);
        }
        return filters.undo(data, EngineFilters.of(engine));
    }

    /**
     * Whether {@link #decodeInto} can place this block's original bytes in direct memory: a raw block, or an
     * unfiltered one of an engine that decodes into it, in a version whose blocks the caller checks by their SHA-256.
     */
    boolean decodesInto(CompressionEngine engine, int version) {
        return Check.forVersion(version) == Check.CALLER_SHA256 && filters.isEmpty()
                && (engine == null || engine instanceof DirectDecompression);
    }

    /** A block's original bytes in a block of direct memory, and their SHA-256, computed there. */
    record InDirectMemory<B>(B block, byte[] sha256) {}

    /**
     * The original bytes decoded into a new block of {@code memory} and hashed there, unchecked: the caller checks the
     * digest against the block's SHA-256 ({@link #decodesInto} said this block can) and owns the block from then on.
     * A block that does not decode is given back before the exception.
     */
    <B> InDirectMemory<B> decodeInto(CompressionEngine engine, DirectBlocks<B> memory) {
        B block = memory.allocate((int) originalSize);
        try {
            decodeInto(engine, memory.buffer(block));
            return new InDirectMemory<>(block, Sha256.of(memory.buffer(block)));
        } catch (RuntimeException | Error e) {
            memory.release(block);
            throw e;
        }
    }

    /** The original bytes into {@code out}, a direct buffer of exactly {@link #originalSize} bytes, unchecked. */
    private void decodeInto(CompressionEngine engine, ByteBuffer out) {
        int length = payload.length - dataOffset;
        if (engine == null) {
            out.duplicate().put(payload, dataOffset, length); // a raw block: codecId checked its length
            return;
        }
        long declared;
        try {
            declared = ((DirectDecompression) engine).decompressUncheckedInto(payload, dataOffset, length, out);
        } catch (CorruptInputException e) {
            throw new CorruptContainerException("block does not decode: " + e.getMessage(), H4mk.CORE, chunkOffset);
        }
        if (declared != originalSize) {
            throw new CorruptContainerException("block decoded to " + declared + " bytes, header says "
                    + originalSize, H4mk.CORE, chunkOffset);
        }
    }

    /**
     * The original bytes and, from version 2 on, their SHA-256 for the caller to check against SEEK (null in version
     * 1): hashed on {@code hashing} while the engine decodes, when it decodes in steps and the block is unfiltered
     * and large enough to be worth it; else after the decode ({@code hashing} null: always after).
     */
    ConcurrentBlockHash.Hashed decodeForSeek(ContainerHeader header, EngineSet engines, int version,
            Executor hashing) {
        CompressionEngine engine = engine(codecId(header), engines);
        boolean hashed = version != H4mk.VERSION_1;
        if (hashed && hashing != null && engine instanceof SteppedDecompression stepped && filters.isEmpty()
                && ConcurrentBlockHash.worthIt(originalSize)) {
            return decodeHashing(stepped, hashing);
        }
        byte[] data = decode(engine, Check.forVersion(version));
        return new ConcurrentBlockHash.Hashed(data, hashed ? Sha256.of(data) : null);
    }

    /**
     * The original bytes of an unfiltered block {@code engine} made, and their SHA-256, computed on {@code executor}
     * while the engine decodes in steps ({@link ConcurrentBlockHash}); the engine's own checksum is skipped, so the
     * caller must check the digest. A filtered block's original bytes exist only once its filters are undone.
     */
    ConcurrentBlockHash.Hashed decodeHashing(SteppedDecompression engine, Executor executor) {
        if (!filters.isEmpty()) {
            throw new IllegalStateException("a filtered block is hashed after its filters are undone");
        }
        try {
            return ConcurrentBlockHash.decode(engine, payload, dataOffset, payload.length - dataOffset,
                    (int) originalSize, executor);
        } catch (CorruptInputException e) {
            throw new CorruptContainerException("block does not decode: " + e.getMessage(), H4mk.CORE, chunkOffset);
        }
    }
}
