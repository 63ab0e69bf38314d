package io.harmony4.container;

import io.harmony4.engine.TestEngines;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * Hand-made hostile H4MK files with every CRC right, so that they reach the checks behind the CRCs: the
 * decompression bombs, forged sizes and forged seek tables of docs/reliability.md.
 */
public final class HostileContainers {
    private HostileContainers() {}

    /**
     * {@code blocks} blocks of {@code blockSize} zeros, each one the same tiny core frame: a gigabyte of content in
     * a few kilobytes, a true container in every other respect (SEEK, TAIL and SHA-256 are right).
     */
    public static byte[] zeros(int blockSize, int blocks) {
        byte[] zeros = new byte[blockSize];
        byte[] frame = TestEngines.core().compress(zeros);
        byte[] head = new ContainerHeader(blockSize, List.of(ContainerHeader.Codec.of(TestEngines.core().info())))
                .encode();
        byte[] corePayload = ByteBuffer.allocate(5 + frame.length).order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) 1).putInt(blockSize).put(frame).array();
        byte[] core = Containers.chunk(H4mk.CORE, corePayload);
        byte[] start = Containers.concat(Containers.preamble(), Containers.chunk(H4mk.HEAD, head));
        ByteBuffer seek = ByteBuffer.allocate(4 + 16 * blocks).order(ByteOrder.LITTLE_ENDIAN).putInt(blocks);
        byte[][] parts = new byte[blocks + 1][];
        parts[0] = start;
        long at = start.length;
        MessageDigest sha = sha256();
        for (int i = 0; i < blocks; i++) {
            parts[i + 1] = core;
            seek.putLong(at).putInt(core.length).putInt(blockSize);
            at += core.length;
            sha.update(zeros);
        }
        byte[] body = Containers.concat(parts);
        return Containers.concat(body, Containers.chunk(H4mk.SEEK, seek.array()),
                tail((long) blockSize * blocks, blocks, at, sha.digest()));
    }

    /** An empty-bodied container whose TAIL declares {@code contentSize} bytes in {@code blockCount} blocks. */
    public static byte[] declaring(long contentSize, long blockCount) {
        byte[] start = Containers.concat(Containers.preamble(), Containers.chunk(H4mk.HEAD, referenceHead(1 << 20)));
        byte[] seek = Containers.chunk(H4mk.SEEK, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                .putInt((int) blockCount).array());
        return Containers.concat(start, seek, tail(contentSize, blockCount, start.length, new byte[32]));
    }

    /** {@code container} with seek entry {@code entry} pointing at {@code offset}; SEEK's CRC made right. */
    public static byte[] withSeekOffset(byte[] container, int entry, long offset) {
        int seekAt = (int) ByteBuffer.wrap(container, container.length - 56 + 12, 8).order(ByteOrder.LITTLE_ENDIAN)
                .getLong();
        int length = ByteBuffer.wrap(container, seekAt + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] payload = Arrays.copyOfRange(container, seekAt + 8, seekAt + 8 + length);
        int version = ByteBuffer.wrap(container, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN).putLong(4 + SeekTable.entrySize(version) * entry,
                offset);
        return Containers.concat(Arrays.copyOf(container, seekAt), Containers.chunk(H4mk.SEEK, payload),
                Arrays.copyOfRange(container, seekAt + 12 + length, container.length));
    }

    /** {@code container} with its HEAD chunk written twice. */
    public static byte[] withHeadTwice(byte[] container) {
        int length = ByteBuffer.wrap(container, 16, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] head = Arrays.copyOfRange(container, 12, 24 + length);
        return Containers.concat(Arrays.copyOf(container, 24 + length), head,
                Arrays.copyOfRange(container, 24 + length, container.length));
    }

    private static byte[] referenceHead(int blockSize) {
        return new ContainerHeader(blockSize, List.of(ContainerHeader.Codec.of(TestEngines.reference().info())))
                .encode();
    }

    private static byte[] tail(long contentSize, long blockCount, long seekOffset, byte[] sha256) {
        return Containers.chunk(H4mk.TAIL, ByteBuffer.allocate(52).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(contentSize).putInt((int) blockCount).putLong(seekOffset).put(sha256).array());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
