package io.harmony4.filter;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The filters of docs/filters.md, by the ids a container records them with. Ids are forever: a new filter gets a
 * new id, and an id is never given another meaning.
 */
public enum Filter {
    BYTE_SHUFFLE(1, "shuffle", Set.of(2, 4, 8)),
    BIT_SHUFFLE(2, "bitshuffle", Set.of(2, 4, 8)),
    DELTA(3, "delta", Set.of(1, 2, 4, 8)),
    WAVELET_5_3(4, "wavelet", Set.of(2, 4));

    private final int id;
    private final String label;
    private final Set<Integer> elementSizes;

    Filter(int id, String label, Set<Integer> elementSizes) {
        this.id = id;
        this.label = label;
        this.elementSizes = elementSizes;
    }

    /** The id a container records, 1..255. */
    public int id() {
        return id;
    }

    /** The name in docs, inspection reports and the HTTP API. */
    public String label() {
        return label;
    }

    /** Whether the filter is defined for elements of this many bytes. */
    public boolean accepts(int elementSize) {
        return elementSizes.contains(elementSize);
    }

    public static Optional<Filter> byId(int id) {
        return Arrays.stream(values()).filter(f -> f.id == id).findFirst();
    }

    public static Optional<Filter> byLabel(String label) {
        return Arrays.stream(values()).filter(f -> f.label.equals(label)).findFirst();
    }

    /** The fast implementation ({@link FastFilters}), which gives the reference's bytes. */
    byte[] apply(byte[] data, int elementSize) {
        return switch (this) {
            case BYTE_SHUFFLE -> FastFilters.byteShuffle(data, elementSize);
            case BIT_SHUFFLE -> FastFilters.bitShuffle(data, elementSize);
            case DELTA -> FastFilters.delta(data, elementSize);
            case WAVELET_5_3 -> FastFilters.wavelet(data, elementSize);
        };
    }

    byte[] undo(byte[] data, int elementSize) {
        return switch (this) {
            case BYTE_SHUFFLE -> FastFilters.byteUnshuffle(data, elementSize);
            case BIT_SHUFFLE -> FastFilters.bitUnshuffle(data, elementSize);
            case DELTA -> FastFilters.undelta(data, elementSize);
            case WAVELET_5_3 -> FastFilters.unwavelet(data, elementSize);
        };
    }
}
