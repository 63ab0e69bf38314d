package io.harmony4.container;

import io.harmony4.engine.CompressionEngine;
import io.harmony4.engine.CorruptInputException;
import io.harmony4.engine.SteppedDecompression;
import io.harmony4.engine.UncheckedDecompression;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.Executor;

/**
 * One CORE chunk's payload (codec index u8, original size u32, data) and how to get its original bytes back;
 * shared by the stream reader and the random-access reader so both check a block the same way, and by the writer
 * for the block header it puts before the data.
 */
final class CoreBlock {
    final int codec;
    final long originalSize;
    private final byte[] payload;
    private final long chunkOffset;

    private CoreBlock(int codec, long originalSize, byte[] payload, long chunkOffset) {
        this.codec = codec;
        this.originalSize = originalSize;
        this.payload = payload;
        this.chunkOffset = chunkOffset;
    }

    /** The 5-byte block header that starts a CORE payload, before the data. */
    static byte[] encodeHeader(int codec, int originalSize) {
        return ByteBuffer.allocate(H4mk.CORE_HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) codec).putInt(originalSize).array();
    }

    /** Reads the 5-byte block header of a CORE payload whose chunk starts at {@code chunkOffset}. */
    static CoreBlock parse(byte[] payload, long chunkOffset) {
        if (payload.length < H4mk.CORE_HEADER_SIZE) {
            throw new CorruptContainerException("payload shorter than its 5-byte block header", H4mk.CORE,
                    chunkOffset + 8);
        }
        return new CoreBlock(payload[0] & 0xFF, Integer.toUnsignedLong(ChunkReader.le32(payload, 1)), payload,
                chunkOffset);
    }

    /**
     * The engine id that made the block, or {@code raw}; checks the codec index against the header's table and a
     * raw block's length against its original size.
     */
    String codecId(ContainerHeader header) {
        long at = chunkOffset + 8;
        if (codec == H4mk.CODEC_RAW) {
            long bodyLength = payload.length - H4mk.CORE_HEADER_SIZE;
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

    /**
     * The original bytes: the data of a raw block, else what {@code engine} decodes, checked for its size. With
     * {@code digestChecked} the caller checks the bytes against the block's SHA-256, so an engine that can skip its
     * own content checksum ({@link UncheckedDecompression}) does: the same bytes are hashed once, not twice.
     */
    byte[] decode(CompressionEngine engine, boolean digestChecked) {
        byte[] body = Arrays.copyOfRange(payload, H4mk.CORE_HEADER_SIZE, payload.length);
        if (engine == null) {
            return body;
        }
        byte[] data;
        try {
            data = digestChecked && engine instanceof UncheckedDecompression unchecked
                    ? unchecked.decompressUnchecked(body)
                    : engine.decompress(body);
        } catch (CorruptInputException e) {
            throw new CorruptContainerException("block does not decode: " + e.getMessage(), H4mk.CORE, chunkOffset);
        }
        if (data.length != originalSize) {
            throw new CorruptContainerException("block decoded to " + data.length + " bytes, header says "
                    + originalSize, H4mk.CORE, chunkOffset);
        }
        return data;
    }

    /**
     * The original bytes of a block {@code engine} made, and their SHA-256, computed on {@code executor} while the
     * engine decodes in steps ({@link ConcurrentBlockHash}); the engine's own checksum is skipped, so the caller
     * must check the digest.
     */
    ConcurrentBlockHash.Hashed decodeHashing(SteppedDecompression engine, Executor executor) {
        try {
            return ConcurrentBlockHash.decode(engine, payload, H4mk.CORE_HEADER_SIZE,
                    payload.length - H4mk.CORE_HEADER_SIZE, (int) originalSize, executor);
        } catch (CorruptInputException e) {
            throw new CorruptContainerException("block does not decode: " + e.getMessage(), H4mk.CORE, chunkOffset);
        }
    }
}
