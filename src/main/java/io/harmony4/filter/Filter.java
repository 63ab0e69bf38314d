package io.harmony4.filter;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The filters of docs/filters.md, by the ids a container records them with, and the one place that says which
 * element sizes each is defined for: the implementations, the chains, the container's reader, {@code auto} and the
 * HTTP parameters all ask here. Ids are forever: a new filter gets a new id, and an id is never given another
 * meaning.
 */
public enum Filter {
    /** Regroups the bytes of elements: one byte has nothing to regroup. */
    BYTE_SHUFFLE(1, "shuffle", 2, 4, 8),
    BIT_SHUFFLE(2, "bitshuffle", 2, 4, 8),
    /** Works on bytes too: element size 1 is byte delta. */
    DELTA(3, "delta", 1, 2, 4, 8),
    /** Its sums of two elements need a bit more than the element: 16- and 32-bit ones fit in a long. */
    WAVELET_5_3(4, "wavelet", 2, 4);

    private final int id;
    private final String label;
    private final List<Integer> elementSizes;

    Filter(int id, String label, Integer... elementSizes) {
        this.id = id;
        this.label = label;
        this.elementSizes = List.of(elementSizes);
    }

    /** The id a container records, 1..255. */
    public int id() {
        return id;
    }

    /** The name in docs, inspection reports and the HTTP API. */
    public String label() {
        return label;
    }

    /** The element sizes, in bytes, the filter is defined for, smallest first. */
    public List<Integer> elementSizes() {
        return elementSizes;
    }

    /** Whether the filter is defined for elements of this many bytes. */
    public boolean accepts(int elementSize) {
        return elementSizes.contains(elementSize);
    }

    /**
     * {@code elementSize}, when the filter is defined for it.
     *
     * @throws IllegalArgumentException naming the filter and the size, for a person to act on
     */
    public int check(int elementSize) {
        if (!accepts(elementSize)) {
            throw new IllegalArgumentException("the " + label + " filter is not defined for elements of "
                    + elementSize + " bytes");
        }
        return elementSize;
    }

    /** Every element size some filter is defined for, smallest first. */
    public static List<Integer> anyElementSize() {
        return Arrays.stream(values()).flatMap(f -> f.elementSizes.stream()).distinct().sorted().toList();
    }

    /** The choices as a sentence offers them: {@code 1, 2, 4 or 8}. */
    public static String oneOf(List<?> choices) {
        String all = choices.stream().map(String::valueOf).collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return last < 0 ? all : all.substring(0, last) + " or " + all.substring(last + 2);
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
