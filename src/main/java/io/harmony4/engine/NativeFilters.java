package io.harmony4.engine;

/**
 * The filters of docs/filters.md run by the engine's native core (core ABI 4: {@code h4_filter_apply} and
 * {@code h4_filter_undo}), beside the frozen {@link CompressionEngine} API. Filters are named here as a container
 * records them, by id and element size; the core gives exactly the bytes of the Java reference, several times faster.
 */
public interface NativeFilters {
    /**
     * Writes {@code src} through filter {@code id} at {@code elementSize} into {@code dst}, which has the same length
     * and is another array.
     *
     * @throws IllegalArgumentException for an id or element size the core does not define, or other lengths
     */
    void applyFilter(int id, int elementSize, byte[] src, byte[] dst);

    /** Restores into {@code dst} what {@link #applyFilter} was given, from what it wrote. Same contract. */
    void undoFilter(int id, int elementSize, byte[] src, byte[] dst);
}
