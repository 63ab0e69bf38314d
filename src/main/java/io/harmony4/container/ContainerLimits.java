package io.harmony4.container;

/**
 * What a reader accepts, checked against every declared size and count before memory is committed to it.
 *
 * @param maxBlockSize   largest block (original bytes) a header may declare
 * @param maxBlockCount  most blocks a container may hold
 * @param maxContentSize largest total original size
 */
public record ContainerLimits(int maxBlockSize, long maxBlockCount, long maxContentSize) {
    /** Library defaults: 64 MiB blocks, 2^22 blocks, 1 TiB of content. Services configure tighter ones. */
    public static final ContainerLimits DEFAULT = new ContainerLimits(64 << 20, 1L << 22, 1L << 40);

    public ContainerLimits {
        if (maxBlockSize < 1 || maxBlockCount < 0 || maxContentSize < 0) {
            throw new IllegalArgumentException("limits must be positive: " + maxBlockSize + ", " + maxBlockCount
                    + ", " + maxContentSize);
        }
    }
}
