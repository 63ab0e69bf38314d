package io.harmony4.engine;

/**
 * The filters of docs/filters.md run by the engine's native core (core ABI 4: {@code h4_filter_apply} and
 * {@code h4_filter_undo}), beside the frozen {@link CompressionEngine} API. A chain is given as a container records
 * it: {@code chain[2k]} the id of filter k, {@code chain[2k + 1]} its element size. The core gives exactly the bytes
 * of the Java reference, several times faster, and runs some chains in one pass.
 */
public interface NativeFilters {
    /**
     * Writes {@code src} through the chain, first filter first, into {@code dst}, which has the same length and is
     * another array.
     *
     * @throws IllegalArgumentException for an id or element size the core does not define, more filters than it
     *     takes, or other lengths
     */
    void applyFilters(int[] chain, byte[] src, byte[] dst);

    /** Restores into {@code dst} what {@link #applyFilters} was given, from what it wrote. Same contract. */
    void undoFilters(int[] chain, byte[] src, byte[] dst);
}
