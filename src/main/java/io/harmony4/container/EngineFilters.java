package io.harmony4.container;

import io.harmony4.engine.CompressionEngine;
import io.harmony4.engine.NativeFilters;
import io.harmony4.filter.Filter;
import io.harmony4.filter.FilterRunner;

/**
 * The filters of a block run next to its engine: by the native core when the engine has one ({@link NativeFilters},
 * several times faster than Java), else in Java. Both give the same bytes, so a container does not say which ran.
 */
public record EngineFilters(NativeFilters core) implements FilterRunner {
    /** The runner for blocks {@code engine} compresses or decodes; Java for none (a raw block) and the reference. */
    public static FilterRunner of(CompressionEngine engine) {
        return engine instanceof NativeFilters core ? new EngineFilters(core) : FilterRunner.JAVA;
    }

    @Override
    public byte[] apply(Filter filter, int elementSize, byte[] data) {
        byte[] out = new byte[data.length];
        core.applyFilter(filter.id(), elementSize, data, out);
        return out;
    }

    @Override
    public byte[] undo(Filter filter, int elementSize, byte[] data) {
        byte[] out = new byte[data.length];
        core.undoFilter(filter.id(), elementSize, data, out);
        return out;
    }
}
