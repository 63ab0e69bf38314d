package io.harmony4.filter;

/**
 * What runs a chain of filters: {@link #JAVA} ({@link FastFilters}, one filter after the other), or a native
 * implementation that gives the same bytes (the core's, through the container), which may run several filters in
 * one pass. Every runner returns a new array of the same length.
 */
public interface FilterRunner {
    /** The block through the chain's filters, first to last. */
    byte[] apply(FilterChain chain, byte[] block);

    /** What {@link #apply} was given, from what it returned: the filters undone, last to first. */
    byte[] undo(FilterChain chain, byte[] filtered);

    /** The filters in Java: wherever no native core is loaded. */
    FilterRunner JAVA = new FilterRunner() {
        @Override
        public byte[] apply(FilterChain chain, byte[] block) {
            byte[] data = block;
            for (FilterChain.Stage stage : chain.stages()) {
                data = stage.filter().apply(data, stage.elementSize());
            }
            return data;
        }

        @Override
        public byte[] undo(FilterChain chain, byte[] filtered) {
            byte[] data = filtered;
            for (int i = chain.stages().size() - 1; i >= 0; i--) {
                FilterChain.Stage stage = chain.stages().get(i);
                data = stage.filter().undo(data, stage.elementSize());
            }
            return data;
        }

        @Override
        public String toString() {
            return "java";
        }
    };
}
