package io.harmony4.container;

import io.harmony4.engine.CompressionException;
import io.harmony4.engine.CorruptInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Version 2 containers re-assembled the way an attacker who can recompute CRCs would: blocks swapped, duplicated or
 * dropped, each chunk well formed, SEEK and TAIL consistent with where the chunks now are. Only the digests, which
 * nobody can forge without changing the content root, tell.
 */
public final class Tampering {
    private final byte[] head;
    private final List<byte[]> cores = new ArrayList<>();
    private final List<SeekTable.Entry> entries = new ArrayList<>();
    private final Trailer trailer;

    private Tampering(byte[] container) {
        int version = Preamble.decode(Arrays.copyOf(container, Preamble.SIZE)).version();
        if (version != H4mk.VERSION_2) {
            throw new IllegalArgumentException("version 2 containers only");
        }
        int tailAt = container.length - H4mk.TAIL_CHUNK_SIZE;
        trailer = Trailer.decode(Arrays.copyOfRange(container, tailAt + 8, tailAt + 8 + Trailer.PAYLOAD_SIZE), tailAt);
        int seekAt = (int) trailer.seekOffset();
        SeekTable seek = SeekTable.decode(Arrays.copyOfRange(container, seekAt + 8, tailAt - 4), seekAt, version);
        int firstCore = seek.count() == 0 ? seekAt : (int) seek.entry(0).chunkOffset();
        head = Arrays.copyOf(container, firstCore);
        for (int i = 0; i < seek.count(); i++) {
            SeekTable.Entry e = seek.entry(i);
            cores.add(Arrays.copyOfRange(container, (int) e.chunkOffset(), (int) (e.chunkOffset() + e.chunkLength())));
            entries.add(e);
        }
    }

    public static Tampering of(byte[] container) {
        return new Tampering(container);
    }

    /** Blocks {@code i} and {@code j} change places, and so do their SEEK entries: order is all that differs. */
    public byte[] swapBlocksAndEntries(int i, int j) {
        List<byte[]> c = new ArrayList<>(cores);
        List<SeekTable.Entry> e = new ArrayList<>(entries);
        java.util.Collections.swap(c, i, j);
        java.util.Collections.swap(e, i, j);
        return assemble(c, e, trailer.contentSize());
    }

    /** Blocks {@code i} and {@code j} change places; SEEK keeps its digests in the old order. */
    public byte[] swapBlocksOnly(int i, int j) {
        List<byte[]> c = new ArrayList<>(cores);
        java.util.Collections.swap(c, i, j);
        return assemble(c, entries, trailer.contentSize());
    }

    /** Block {@code i} twice, listed twice; content size and count grow to match. */
    public byte[] duplicateBlock(int i) {
        List<byte[]> c = new ArrayList<>(cores);
        List<SeekTable.Entry> e = new ArrayList<>(entries);
        c.add(i + 1, cores.get(i));
        e.add(i + 1, entries.get(i));
        return assemble(c, e, trailer.contentSize() + entries.get(i).originalSize());
    }

    /** Block {@code i} gone, and its entry; content size and count shrink to match. */
    public byte[] dropBlock(int i) {
        List<byte[]> c = new ArrayList<>(cores);
        List<SeekTable.Entry> e = new ArrayList<>(entries);
        c.remove(i);
        e.remove(i);
        return assemble(c, e, trailer.contentSize() - entries.get(i).originalSize());
    }

    /** SEEK entry {@code i}'s digest flipped at byte {@code at}, CRC right: the root must no longer match. */
    public byte[] flipListedDigest(int i, int at) {
        List<SeekTable.Entry> e = new ArrayList<>(entries);
        byte[] sha = e.get(i).sha256().clone();
        sha[at] ^= 1;
        SeekTable.Entry old = e.get(i);
        e.set(i, new SeekTable.Entry(old.chunkOffset(), old.chunkLength(), old.originalSize(), sha));
        return assemble(cores, e, trailer.contentSize());
    }

    /** The chunks laid out again, offsets recomputed, every CRC right, the original content root kept. */
    private byte[] assemble(List<byte[]> c, List<SeekTable.Entry> e, long contentSize) {
        SeekTable.Builder seek = new SeekTable.Builder(H4mk.VERSION_2);
        long at = head.length;
        for (int k = 0; k < c.size(); k++) {
            seek.add(new SeekTable.Entry(at, c.get(k).length, e.get(k).originalSize(), e.get(k).sha256()));
            at += c.get(k).length;
        }
        byte[][] parts = new byte[c.size() + 3][];
        parts[0] = head;
        for (int k = 0; k < c.size(); k++) {
            parts[k + 1] = c.get(k);
        }
        parts[c.size() + 1] = Containers.chunk(H4mk.SEEK, seek.build().encode());
        parts[c.size() + 2] = Containers.chunk(H4mk.TAIL, new Trailer(contentSize, c.size(), at, trailer.digest())
                .encode());
        return Containers.concat(parts);
    }

    /** {@code container} with byte {@code at} flipped by {@code mask} and the CRC of the chunk around it recomputed. */
    public static byte[] flipBehindTheCrc(byte[] container, int at, int mask) {
        byte[] bad = container.clone();
        bad[at] ^= (byte) mask;
        int chunk = Preamble.SIZE;
        while (chunk < container.length) {
            int length = java.nio.ByteBuffer.wrap(container, chunk + 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .getInt();
            int end = chunk + 12 + length;
            if (at >= chunk + 8 && at < end - 4) {
                int crc = ChunkFraming.crc(Arrays.copyOfRange(bad, chunk, chunk + 8),
                        Arrays.copyOfRange(bad, chunk + 8, end - 4));
                java.nio.ByteBuffer.wrap(bad, end - 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(crc);
                return bad;
            }
            chunk = end;
        }
        throw new IllegalArgumentException(at + " is not inside a chunk payload");
    }

    /**
     * Whether {@code e} is how a reader may refuse {@code container} damaged at byte {@code at}: as corrupt input or,
     * where the damage raised a size TAIL declares past its limit, as that limit (the answer the API gives any TAIL
     * that declares too much, checked before the blocks). Anything else, an engine failure (a 500) above all, is not.
     */
    static boolean refusesDamageAt(byte[] container, int at, CompressionException e) {
        if (e instanceof CorruptInputException) {
            return true;
        }
        long tailAt = container.length - H4mk.TAIL_CHUNK_SIZE;
        return e instanceof LimitExceededException limit && switch (limit.limit()) {
            case "content size" -> at >= Trailer.contentSizeAt(tailAt) && at < Trailer.contentSizeAt(tailAt) + 8;
            case "block count" -> at >= Trailer.blockCountAt(tailAt) && at < Trailer.blockCountAt(tailAt) + 4;
            default -> false;
        };
    }
}
