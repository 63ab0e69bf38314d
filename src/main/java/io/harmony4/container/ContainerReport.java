package io.harmony4.container;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a container holds, as {@code inspect} and {@code verify} report it.
 *
 * @param formatVersion  H4MK version
 * @param blockSize      original bytes per block
 * @param codecs         the header's codec table
 * @param chunks         every chunk, in file order
 * @param blocks         every block, in content order
 * @param contentSize    original bytes
 * @param containerSize  container bytes
 * @param sha256         version 1: the trailer's SHA-256 of the whole content, hex; null in versions 2 and 3, and
 *                       then left out of the JSON report (the API's and the offline tool's alike)
 * @param root           version 2: the content root, hex: the content's identity (docs/h4mk.md, "Content root"),
 *                       checked against the blocks' SHA-256 in SEEK by inspect and verify alike; null in version 1
 * @param contentVerified true when every block was decoded and its digest recomputed and matched ({@code verify});
 *                        false for {@code inspect}, which checks structure, CRCs and the root against SEEK only
 */
public record ContainerReport(int formatVersion, int blockSize, List<ContainerHeader.Codec> codecs,
        List<Chunk> chunks, List<Block> blocks, long contentSize, long containerSize,
        @JsonInclude(JsonInclude.Include.NON_NULL) String sha256, String root,
        boolean contentVerified) {

    public record Chunk(String type, long offset, long length) {}

    /**
     * One block. {@code filters}: what it went through before its engine, as the API writes a filter chain
     * ({@code wavelet:2,shuffle:2}), or {@code none}.
     */
    public record Block(long index, long offset, long chunkLength, int originalSize, String codec, String filters) {}
}
