package io.harmony4.engine;

/**
 * Decompression without the engine's own content checksum, beside the frozen {@link CompressionEngine} API: for
 * callers that check every decoded byte themselves. Bare-API callers keep {@link CompressionEngine#decompress},
 * whose guarantee is unchanged.
 */
public interface UncheckedDecompression {
    /**
     * Like decompress, but without the engine's own content checksum: for callers that verify the decoded bytes by
     * a stronger digest of their own (the H4MK container's per-block SHA-256). Frame structure, declared size and
     * written size are still checked; a frame that does not decode is still a CorruptInputException.
     */
    byte[] decompressUnchecked(byte[] compressed);
}
