package io.harmony4.engine;

/**
 * How large a compression would be, beside the frozen {@link CompressionEngine} API: for callers that only compare
 * sizes (the container's {@code auto} filter choice trying candidates on a sample) and keep none of the output, so
 * that an engine can skip what it does to make output trustworthy (the core's round-trip check).
 */
public interface CompressedSizeEstimate {
    /** The length of what {@code compress(input)} returns. */
    int compressedSize(byte[] input);
}
