package io.harmony4.engine;

import java.nio.ByteBuffer;

/**
 * Decompression into memory outside the heap that the caller owns, without the engine's own content checksum
 * (as {@link UncheckedDecompression}): for a caller that checks every decoded byte by a digest of its own and sends
 * them on from there as they are (a socket writes a direct buffer without copying it), so that the content is never
 * an array the garbage collector has to move or free.
 */
public interface DirectDecompression {
    /**
     * Decodes the frame in {@code compressed[offset, offset + length)} into {@code out}, from its position to its
     * limit, when the frame declares exactly that many bytes; else writes nothing. {@code out}'s position and limit
     * are left as they were.
     *
     * @param out a direct buffer
     * @return the content size the frame declares: {@code out.remaining()} when it was decoded
     * @throws CorruptInputException when the frame does not decode, or does not fill {@code out}
     */
    long decompressUncheckedInto(byte[] compressed, int offset, int length, ByteBuffer out);
}
