package io.harmony4.container;

/**
 * What a reader accepts, checked against every declared size and count before memory is committed to it.
 *
 * @param maxBlockSize   largest block (original bytes) a header may declare
 * @param maxBlockCount  most blocks a container may hold
 * @param maxContentSize largest total original size
 * @param maxExpansionRatio largest ratio of content bytes to container bytes read so far; 0 for no limit. Stops a
 *                       few KiB that claim gigabytes (a decompression bomb) before the blocks are decoded.
 */
public record ContainerLimits(int maxBlockSize, long maxBlockCount, long maxContentSize, long maxExpansionRatio) {
    /** Library defaults: 64 MiB blocks, 2^22 blocks, 1 TiB of content, no ratio limit. Services set tighter ones. */
    public static final ContainerLimits DEFAULT = new ContainerLimits(64 << 20, 1L << 22, 1L << 40, 0);

    public ContainerLimits {
        if (maxBlockSize < 1 || maxBlockCount < 0 || maxContentSize < 0 || maxExpansionRatio < 0) {
            throw new IllegalArgumentException("limits must be positive: " + maxBlockSize + ", " + maxBlockCount
                    + ", " + maxContentSize + ", " + maxExpansionRatio);
        }
    }

    /** Whether {@code content} bytes of output are acceptable from {@code container} bytes of input. */
    boolean expansionAllowed(long content, long container) {
        return maxExpansionRatio == 0 || content <= maxExpansionRatio * Math.max(1, container);
    }
}
