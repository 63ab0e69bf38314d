package io.harmony4.filter;

/**
 * What runs a chain's filters: {@link #JAVA} ({@link FastFilters}), or a native implementation that gives the same
 * bytes (the core's, through the container). Every runner returns a new array of the same length.
 */
public interface FilterRunner {
    /** The block through {@code filter} at {@code elementSize}. */
    byte[] apply(Filter filter, int elementSize, byte[] data);

    /** What {@link #apply} was given, from what it returned. */
    byte[] undo(Filter filter, int elementSize, byte[] data);

    /** The filters in Java: wherever no native core is loaded. */
    FilterRunner JAVA = new FilterRunner() {
        @Override
        public byte[] apply(Filter filter, int elementSize, byte[] data) {
            return filter.apply(data, elementSize);
        }

        @Override
        public byte[] undo(Filter filter, int elementSize, byte[] data) {
            return filter.undo(data, elementSize);
        }

        @Override
        public String toString() {
            return "java";
        }
    };
}
