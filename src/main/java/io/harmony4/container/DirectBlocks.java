package io.harmony4.container;

import java.nio.ByteBuffer;

/**
 * Memory outside the heap that {@link H4mkInputStream#transferBlocks(java.util.function.Consumer, DirectBlocks,
 * java.util.function.Consumer)} decodes blocks into, for a caller that sends them on as they are: a socket writes
 * direct memory without a copy, and no decoded array is left for the garbage collector.
 *
 * @param <B> a block of this memory, as its owner knows it
 */
public interface DirectBlocks<B> {
    /** A block of exactly {@code size} bytes, for one owner, who gives it back with {@link #release} once. */
    B allocate(int size);

    /** The block's bytes as a direct buffer, from position 0 to its size; a view of its own on each call. */
    ByteBuffer buffer(B block);

    /** Gives the block back; its owner must not touch it afterwards. */
    void release(B block);
}
