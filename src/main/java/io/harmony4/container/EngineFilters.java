package io.harmony4.container;

import io.harmony4.engine.CompressionEngine;
import io.harmony4.engine.NativeFilters;
import io.harmony4.filter.FilterChain;
import io.harmony4.filter.FilterRunner;

/**
 * The filters of a block run next to its engine: by the native core when the engine has one ({@link NativeFilters},
 * several times faster than Java, a whole chain in one call), else in Java. Both give the same bytes, so a container
 * does not say which ran.
 */
public record EngineFilters(NativeFilters core) implements FilterRunner {
    /** The runner for blocks {@code engine} compresses or decodes; Java for none (a raw block) and the reference. */
    public static FilterRunner of(CompressionEngine engine) {
        return engine instanceof NativeFilters core ? new EngineFilters(core) : FilterRunner.JAVA;
    }

    @Override
    public byte[] apply(FilterChain chain, byte[] block) {
        byte[] out = new byte[block.length];
        core.applyFilters(ids(chain), block, out);
        return out;
    }

    @Override
    public byte[] undo(FilterChain chain, byte[] filtered) {
        byte[] out = new byte[filtered.length];
        core.undoFilters(ids(chain), filtered, out);
        return out;
    }

    /** As the core takes a chain: id and element size of each filter, in order. */
    private static int[] ids(FilterChain chain) {
        int[] ids = new int[2 * chain.stages().size()];
        for (int k = 0; k < chain.stages().size(); k++) {
            ids[2 * k] = chain.stages().get(k).filter().id();
            ids[2 * k + 1] = chain.stages().get(k).elementSize();
        }
        return ids;
    }
}
