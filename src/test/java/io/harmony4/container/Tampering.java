package io.harmony4.container;

import io.harmony4.engine.CompressionException;
import io.harmony4.engine.CorruptInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Version 2 containers re-assembled the way an attacker who can recompute CRCs would: blocks swapped, duplicated or
 * dropped, each chunk well formed, SEEK and TAIL consistent with where the chunks now are. Only the digests, which
 * nobody can forge without changing the content root, tell. Also the one place tests re-walk a container's chunks
 * and make their CRCs right after a change ({@link #rewriteChunks}).
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
        trailer = Trailer.decode(chunk(container, tailAt, H4mk.TAIL), tailAt);
        int seekAt = (int) trailer.seekOffset();
        SeekTable seek = SeekTable.decode(chunk(container, seekAt, H4mk.SEEK), seekAt, version);
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

    /** The payload of the chunk of type {@code type} at {@code offset}, its CRC checked as the readers check it. */
    private static byte[] chunk(byte[] container, long offset, String type) {
        try {
            return ChunkFraming.read(ChunkFraming.Input.from(RandomAccessSource.of(container), offset), offset,
                    (found, length) -> {
                        if (!found.equals(type)) {
                            throw new IllegalArgumentException(type + " expected at " + offset + ", not " + found);
                        }
                    }).payload();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        boolean[] inPayload = {false};
        byte[] bad = rewriteChunks(container, (chunk, bytes) -> {
            if (chunk.holds(at)) {
                bytes[at] ^= (byte) mask;
                inPayload[0] = true;
            }
        });
        if (!inPayload[0]) {
            throw new IllegalArgumentException(at + " is not inside a chunk payload");
        }
        return bad;
    }

    /** A chunk met by {@link #rewriteChunks}: its type, and where its payload lies in the bytes being rewritten. */
    public record ChunkAt(String type, int payloadAt, int payloadLength) {
        /** Whether byte {@code at} of the container is in this chunk's payload. */
        public boolean holds(int at) {
            return at >= payloadAt && at < payloadAt + payloadLength;
        }
    }

    /** A change to one chunk's payload, made in place in {@code bytes}, the container being rewritten. */
    @FunctionalInterface
    public interface PayloadEdit {
        void edit(ChunkAt chunk, byte[] bytes);
    }

    /**
     * {@code container} with its chunks walked in file order after the preamble (type, u32 length, payload, CRC32C),
     * each payload changed by {@code edit} and each CRC then made right with {@link ChunkFraming#crc}, as an attacker
     * who can recompute CRCs would: the checks behind the CRCs are what the result meets. The walk stops at bytes
     * that frame no whole chunk, which stay as they are, so that any bytes (a fuzz input) may be given.
     */
    public static byte[] rewriteChunks(byte[] container, PayloadEdit edit) {
        byte[] out = container.clone();
        int at = Preamble.SIZE;
        while (at + H4mk.CHUNK_OVERHEAD <= out.length) {
            long length = Integer.toUnsignedLong(LittleEndian.decodeInt(out, at + 4));
            if (length > out.length - at - H4mk.CHUNK_OVERHEAD) {
                break;
            }
            int payloadAt = at + ChunkFraming.HEAD_SIZE;
            int end = payloadAt + (int) length;
            edit.edit(new ChunkAt(new String(out, at, 4, StandardCharsets.US_ASCII), payloadAt, (int) length), out);
            int crc = ChunkFraming.crc(Arrays.copyOfRange(out, at, payloadAt), Arrays.copyOfRange(out, payloadAt, end));
            System.arraycopy(LittleEndian.encodeInt(crc), 0, out, end, 4);
            at = end + 4;
        }
        return out;
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
