package io.harmony4.service;

import io.harmony4.container.FilterChoice;
import io.harmony4.engine.CompressionEngine;
import io.harmony4.filter.Filter;
import io.harmony4.filter.FilterChain;
import java.util.List;
import java.util.Objects;

/**
 * What a compression asks for, checked: the engine at the level asked for, the block size, and the filters (a
 * chain, or {@code auto}, at the element size asked for). {@link ContainerService#options} makes one from a
 * request's parameters before the body is read, so that a bad parameter costs no byte of it.
 */
public record CompressOptions(CompressionEngine engine, int blockSize, FilterChoice filters) {
    public CompressOptions {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(filters, "filters");
        if (blockSize < ContainerService.MIN_BLOCK_SIZE) {
            throw new IllegalArgumentException("block size " + blockSize + " below " + ContainerService.MIN_BLOCK_SIZE);
        }
    }

    /**
     * The filters a request named: {@code filter}, a chain such as {@code wavelet:2,shuffle:2}, {@code auto},
     * {@code none} or null; {@code elementSize} for the filters named without one, or the one auto tries; null
     * for none (docs/filters.md).
     *
     * @throws InvalidParameterException naming {@code filter} or {@code elementSize}
     */
    static FilterChoice filters(String filter, Integer elementSize) {
        List<Integer> sizes = Filter.anyElementSize();
        if (elementSize != null && !sizes.contains(elementSize)) {
            throw new InvalidParameterException("elementSize", "elementSize must be " + Filter.oneOf(sizes)
                    + " bytes, got " + elementSize);
        }
        if (filter != null && filter.strip().equals("auto")) {
            try {
                return new FilterChoice.Auto(elementSize == null ? List.of() : List.of(elementSize));
            } catch (IllegalArgumentException e) {
                throw new InvalidParameterException("elementSize", e.getMessage());
            }
        }
        FilterChain chain;
        try {
            chain = filter == null ? FilterChain.NONE : FilterChain.parse(filter, elementSize);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("filter", e.getMessage());
        }
        // One answer whether filter is absent or "none": either way there is nothing for elementSize to size.
        if (chain.isEmpty() && elementSize != null) {
            throw new InvalidParameterException("elementSize", "elementSize is the element size of the filters "
                    + "named in filter, and no filter is named: name them in filter (such as filter=shuffle) or "
                    + "leave elementSize out");
        }
        return new FilterChoice.Fixed(chain);
    }
}
