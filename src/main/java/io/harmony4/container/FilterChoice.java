package io.harmony4.container;

import io.harmony4.engine.CompressedSizeEstimate;
import io.harmony4.engine.CompressionEngine;
import io.harmony4.filter.Filter;
import io.harmony4.filter.FilterChain;
import io.harmony4.filter.FilterRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which filters a writer puts a block through: always the same chain, or {@code auto}, a choice per block. A choice
 * depends on the block's bytes alone, never on timing or threads, so the same input and settings give the same
 * container at any parallelism.
 */
public sealed interface FilterChoice {
    /** No filters: the writer writes version 2. */
    FilterChoice NONE = new Fixed(FilterChain.NONE);

    /** The chain for this block (the original bytes; not modified). */
    FilterChain choose(byte[] block, CompressionEngine engine);

    /** Whether any block can get filters, which makes the container version 3. */
    boolean mayFilter();

    /** The same chain for every block. */
    record Fixed(FilterChain chain) implements FilterChoice {
        public Fixed {
            Objects.requireNonNull(chain, "chain");
        }

        @Override
        public FilterChain choose(byte[] block, CompressionEngine engine) {
            return chain;
        }

        @Override
        public boolean mayFilter() {
            return !chain.isEmpty();
        }

        @Override
        public String toString() {
            return chain.toString();
        }
    }

    /**
     * {@code auto}: each candidate chain is tried on a sample of the block (a few slices spread over it) with the
     * block's own engine. Candidates go from the simplest to the most elaborate: no filter, {@code shuffle:E} for
     * each element size {@code E} asked for (each of {@link #ELEMENT_SIZES} when none is); then, at the size whose
     * shuffle made the sample smallest, {@code bitshuffle:E}, {@code shuffle:E,delta:1}, {@code delta:E,shuffle:E}
     * and, where the wavelet takes E (2 and 4), {@code wavelet:E,shuffle:E}; none of them when no shuffle made the sample smaller at all (text, say).
     * A candidate replaces the choice so far only when it makes the sample
     * {@link #MARGIN} smaller: a sample is a noisy estimate of its block, and a small gain on it is as often a loss
     * on the block. So text and other untyped data keep no filter.
     */
    record Auto(List<Integer> elementSizes) implements FilterChoice {
        /** The element sizes auto chooses among: its candidates start with the shuffle, so the shuffle's. */
        public static final List<Integer> ELEMENT_SIZES = Filter.BYTE_SHUFFLE.elementSizes();
        /** What a more elaborate candidate must save on the sample over the choice so far. */
        static final double MARGIN = 0.05;
        /** Slices sampled per block, and their size: 4 × 8 KiB = 32 KiB of a 1 MiB block, about 3%. */
        static final int SLICES = 4;
        static final int SLICE = 8 * 1024;

        public Auto {
            elementSizes = List.copyOf(elementSizes);
            for (int size : elementSizes) {
                if (!ELEMENT_SIZES.contains(size)) {
                    throw new IllegalArgumentException("auto chooses among filters of elements of "
                            + Filter.oneOf(ELEMENT_SIZES) + " bytes, not " + size);
                }
            }
            if (elementSizes.isEmpty()) {
                elementSizes = ELEMENT_SIZES;
            }
        }

        /** The chains tried after the shuffles, simplest first, at one element size. */
        static List<FilterChain> laterCandidates(int size) {
            List<FilterChain> chains = new ArrayList<>();
            chains.add(FilterChain.of(new FilterChain.Stage(Filter.BIT_SHUFFLE, size)));
            // Blosc2's bytedelta: each byte plane as differences of its bytes
            chains.add(FilterChain.of(new FilterChain.Stage(Filter.BYTE_SHUFFLE, size),
                    new FilterChain.Stage(Filter.DELTA, 1)));
            chains.add(FilterChain.of(new FilterChain.Stage(Filter.DELTA, size),
                    new FilterChain.Stage(Filter.BYTE_SHUFFLE, size)));
            if (Filter.WAVELET_5_3.accepts(size)) {
                chains.add(FilterChain.of(new FilterChain.Stage(Filter.WAVELET_5_3, size),
                        new FilterChain.Stage(Filter.BYTE_SHUFFLE, size)));
            }
            return chains;
        }

        @Override
        public FilterChain choose(byte[] block, CompressionEngine engine) {
            byte[] sample = sample(block);
            if (sample.length < 2 * SLICE) {
                return FilterChain.NONE; // too little to judge, and too little to matter
            }
            FilterRunner runner = EngineFilters.of(engine);
            long unfiltered = compressedSize(engine, sample);
            Choice choice = new Choice(unfiltered);
            // The shuffle at each element size, which also finds the size the data has: the one it shrinks most.
            int size = elementSizes.getFirst();
            long smallest = Long.MAX_VALUE;
            for (int e : elementSizes) {
                FilterChain shuffle = FilterChain.of(new FilterChain.Stage(Filter.BYTE_SHUFFLE, e));
                long compressed = compressedSize(engine, shuffle.apply(sample, runner));
                choice.offer(shuffle, compressed);
                if (compressed < smallest) {
                    smallest = compressed;
                    size = e;
                }
            }
            if (smallest >= unfiltered) {
                // no shuffle shrinks the sample at all: no element size shows, as in text, and the chains built on
                // one would not either; their trials are saved
                return choice.best;
            }
            for (FilterChain chain : laterCandidates(size)) {
                choice.offer(chain, compressedSize(engine, chain.apply(sample, runner)));
            }
            return choice.best;
        }

        /** The choice so far: a candidate replaces it only when it makes the sample {@link #MARGIN} smaller. */
        private static final class Choice {
            FilterChain best = FilterChain.NONE;
            long bestSize;

            Choice(long unfiltered) {
                bestSize = unfiltered;
            }

            void offer(FilterChain chain, long size) {
                if (size < bestSize * (1 - MARGIN)) {
                    best = chain;
                    bestSize = size;
                }
            }
        }

        /** Without the engine's checks of output that is thrown away, where the engine can skip them. */
        private static int compressedSize(CompressionEngine engine, byte[] data) {
            return engine instanceof CompressedSizeEstimate estimate ? estimate.compressedSize(data)
                    : engine.compress(data).length;
        }

        /**
         * Slices spread evenly over the block, each starting on a multiple of 8 bytes so that elements of every size
         * keep their alignment; the whole block when it is small.
         */
        static byte[] sample(byte[] block) {
            if (block.length <= SLICES * SLICE) {
                return block;
            }
            byte[] sample = new byte[SLICES * SLICE];
            long stride = (block.length - SLICE) / (SLICES - 1);
            for (int i = 0; i < SLICES; i++) {
                int from = (int) (i * stride) & ~7;
                System.arraycopy(block, from, sample, i * SLICE, SLICE);
            }
            return sample;
        }

        @Override
        public boolean mayFilter() {
            return true;
        }

        @Override
        public String toString() {
            return "auto";
        }
    }
}
