package io.harmony4.container;

import io.harmony4.engine.EngineInfo;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The HEAD chunk: block size and the table of codecs that blocks refer to by index (1-based; 0 is raw).
 *
 * @param blockSize original bytes per block; every block but the last holds exactly this many
 * @param codecs    the engines that made the blocks
 */
public record ContainerHeader(int blockSize, List<Codec> codecs) {
    /** One entry of the codec table: the engine's public info as the writer saw it. */
    public record Codec(String engineId, String engineVersion, String codec, int level) {
        static Codec of(EngineInfo info) {
            return new Codec(info.id(), info.version(), info.codec(), info.level());
        }
    }

    public ContainerHeader {
        codecs = List.copyOf(codecs);
        if (blockSize < 1) {
            throw new IllegalArgumentException("block size must be positive: " + blockSize);
        }
        if (codecs.isEmpty() || codecs.size() > 255) {
            throw new IllegalArgumentException("a header lists 1 to 255 codecs, not " + codecs.size());
        }
    }

    /** The engine ids of the codec table, in order: what an answer's {@code Harmony4-Engine} lists. */
    public List<String> engineIds() {
        return codecs.stream().map(Codec::engineId).toList();
    }

    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(LittleEndian.encodeInt(blockSize));
        out.write(codecs.size());
        for (Codec c : codecs) {
            string(out, c.engineId());
            string(out, c.engineVersion());
            string(out, c.codec());
            out.writeBytes(LittleEndian.encodeInt(c.level()));
        }
        return out.toByteArray();
    }

    /** Parses a HEAD payload that starts at {@code offset} in the file. */
    static ContainerHeader decode(byte[] payload, long offset, ContainerLimits limits) {
        ByteBuffer b = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        try {
            long blockSize = Integer.toUnsignedLong(b.getInt());
            if (blockSize == 0) {
                throw new CorruptContainerException("block size 0", H4mk.HEAD, offset);
            }
            if (blockSize > limits.maxBlockSize()) {
                throw new LimitExceededException("block size", blockSize, limits.maxBlockSize(), H4mk.HEAD, offset);
            }
            int count = Byte.toUnsignedInt(b.get());
            if (count == 0) {
                throw new CorruptContainerException("codec table is empty", H4mk.HEAD, offset);
            }
            List<Codec> codecs = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                codecs.add(new Codec(string(b), string(b), string(b), b.getInt()));
            }
            if (b.hasRemaining()) {
                throw new CorruptContainerException(b.remaining() + " unread bytes at the end of the header",
                        H4mk.HEAD, offset + b.position());
            }
            return new ContainerHeader((int) blockSize, codecs);
        } catch (java.nio.BufferUnderflowException e) {
            throw new CorruptContainerException("header ends inside a field", H4mk.HEAD, offset + payload.length);
        }
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 255) {
            throw new IllegalArgumentException("header string longer than 255 bytes: " + s);
        }
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    private static String string(ByteBuffer b) {
        int len = Byte.toUnsignedInt(b.get());
        byte[] bytes = new byte[len];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
