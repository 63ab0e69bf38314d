package io.harmony4.engine;

import java.util.function.IntConsumer;

/**
 * Decompression in steps, beside the frozen {@link CompressionEngine} API: a caller can use the start of a block
 * (hash it on another core) while the rest is still being decoded, so that decoding and verifying one block take
 * about as long as decoding it. Like {@link UncheckedDecompression}, for callers that check every byte themselves.
 */
public interface SteppedDecompression {
    /**
     * Decodes the frame in {@code compressed[offset, offset + length)} into {@code out} without the engine's own
     * content checksum. {@code out} must have
     * exactly the size the frame declares, else nothing is decoded and a CorruptInputException says so. After each
     * step, on the calling thread, {@code decodedUpTo} gets {@code n}: {@code out[0, n)} holds its final bytes. The
     * last call gets {@code out.length}, and only once the whole frame has decoded; there is at least one call.
     *
     * @param stepBytes about how many bytes each step decodes (at least one block of the codec's own)
     * @throws CorruptInputException when the frame does not decode, as {@link UncheckedDecompression} would say
     */
    void decompressUnchecked(byte[] compressed, int offset, int length, byte[] out, int stepBytes,
            IntConsumer decodedUpTo);
}
