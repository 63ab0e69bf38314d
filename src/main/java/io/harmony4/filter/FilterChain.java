package io.harmony4.filter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The filters a block went through before its engine, in order: applied first to last when writing, undone last to
 * first when reading. At most {@link #MAX_STAGES}; an empty chain leaves a block as it is.
 */
public record FilterChain(List<Stage> stages) {
    /** Enough for any useful combination (a wavelet, then a shuffle); a container says more is damage. */
    public static final int MAX_STAGES = 4;
    public static final FilterChain NONE = new FilterChain(List.of());
    /** What {@link #parse} reads as a filter's name: {@code shuffle, bitshuffle, delta, wavelet or none}. */
    private static final String NAMES = Filter.oneOf(Stream.concat(Arrays.stream(Filter.values()).map(Filter::label),
            Stream.of("none")).toList());

    /** One filter at one element size. */
    public record Stage(Filter filter, int elementSize) {
        public Stage {
            Objects.requireNonNull(filter, "filter").check(elementSize);
        }

        /** As docs and the HTTP API write it: {@code shuffle:4}. */
        @Override
        public String toString() {
            return filter.label() + ":" + elementSize;
        }
    }

    public FilterChain {
        stages = List.copyOf(stages);
        if (stages.size() > MAX_STAGES) {
            throw new IllegalArgumentException(stages.size() + " filters, at most " + MAX_STAGES);
        }
    }

    public static FilterChain of(Stage... stages) {
        return new FilterChain(List.of(stages));
    }

    /**
     * Reads {@code wavelet:2,shuffle:2}: stages separated by commas, each a filter's label and an element size;
     * {@code none} or an empty string is the empty chain.
     *
     * @throws IllegalArgumentException naming what is wrong, for a person to act on
     */
    public static FilterChain parse(String text) {
        return parse(text, null);
    }

    /**
     * {@link #parse(String)}, where a filter named without a size ({@code shuffle}) takes {@code elementSize}; with
     * {@code elementSize} null, every filter needs its own.
     */
    public static FilterChain parse(String text, Integer elementSize) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.equals("none")) {
            return NONE;
        }
        List<Stage> stages = new ArrayList<>();
        for (String part : trimmed.split(",", -1)) {
            String named = part.strip();
            String[] nameAndSize = (elementSize != null && !named.contains(":") ? named + ":" + elementSize : named)
                    .split(":", -1);
            Filter filter = Filter.byLabel(nameAndSize[0].strip()).orElseThrow(() -> new IllegalArgumentException(
                    "unknown filter '" + nameAndSize[0].strip() + "' (" + NAMES + ")"));
            if (nameAndSize.length != 2) {
                throw new IllegalArgumentException("filter '" + named + "' needs an element size in bytes, "
                        + "e.g. " + filter.label() + ":4");
            }
            int size;
            try {
                size = Integer.parseInt(nameAndSize[1].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("element size '" + nameAndSize[1].strip() + "' of filter "
                        + filter.label() + " is not a number of bytes");
            }
            stages.add(new Stage(filter, size));
        }
        return new FilterChain(stages);
    }

    public boolean isEmpty() {
        return stages.isEmpty();
    }

    /** The block as its engine will see it, filtered in Java. Same length as {@code block}. */
    public byte[] apply(byte[] block) {
        return apply(block, FilterRunner.JAVA);
    }

    /** The block as its engine will see it, filtered by {@code runner}. Same length as {@code block}. */
    public byte[] apply(byte[] block, FilterRunner runner) {
        return stages.isEmpty() ? block : runner.apply(this, block);
    }

    /** The block as it was before {@link #apply}, in Java. Same length as {@code filtered}. */
    public byte[] undo(byte[] filtered) {
        return undo(filtered, FilterRunner.JAVA);
    }

    /** The block as it was before {@link #apply}, by {@code runner}. Same length as {@code filtered}. */
    public byte[] undo(byte[] filtered, FilterRunner runner) {
        return stages.isEmpty() ? filtered : runner.undo(this, filtered);
    }

    /** {@code wavelet:2,shuffle:2}, or {@code none}: what {@link #parse} reads. */
    @Override
    public String toString() {
        return stages.isEmpty() ? "none" : String.join(",", stages.stream().map(Stage::toString).toList());
    }
}
