package io.harmony4.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.harmony4.engine.CoreEngine;
import io.harmony4.engine.NativeLibs;
import io.harmony4.engine.ReferenceEngine;
import io.harmony4.filter.BitShuffle;
import io.harmony4.filter.ByteShuffle;
import io.harmony4.filter.Delta;
import io.harmony4.filter.Filter;
import io.harmony4.filter.FilterChain;
import io.harmony4.filter.FilterRunner;
import io.harmony4.filter.IntegerWavelet;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The core's filters (core ABI 4, run by {@link EngineFilters}) give byte for byte what the reference classes of
 * docs/filters.md give, both ways, on any bytes: random and smooth data, every element size, every length, so every
 * kind of tail, and blocks long enough to cross the core's tiles and SIMD loops; alone and in chains, among them the
 * one it runs in a single pass.
 */
class EngineFiltersTest {
    /** One for the class's two test engines (jqwik and JUnit), unloaded with the test JVM. */
    private static final CoreEngine core = CoreEngine.load(NativeLibs.core(), 3);

    /** A filter, an element size it defines, and its reference implementation both ways. */
    record Case(Filter filter, int size, BiFunction<byte[], Integer, byte[]> apply,
            BiFunction<byte[], Integer, byte[]> undo) {
        FilterChain.Stage stage() {
            return new FilterChain.Stage(filter, size);
        }

        FilterChain chain() {
            return FilterChain.of(stage());
        }

        @Override
        public String toString() {
            return filter.label() + ":" + size;
        }
    }

    private static final List<Case> CASES = List.of(
            new Case(Filter.BYTE_SHUFFLE, 2, ByteShuffle::apply, ByteShuffle::undo),
            new Case(Filter.BYTE_SHUFFLE, 4, ByteShuffle::apply, ByteShuffle::undo),
            new Case(Filter.BYTE_SHUFFLE, 8, ByteShuffle::apply, ByteShuffle::undo),
            new Case(Filter.BIT_SHUFFLE, 2, BitShuffle::apply, BitShuffle::undo),
            new Case(Filter.BIT_SHUFFLE, 4, BitShuffle::apply, BitShuffle::undo),
            new Case(Filter.BIT_SHUFFLE, 8, BitShuffle::apply, BitShuffle::undo),
            new Case(Filter.DELTA, 1, Delta::apply, Delta::undo),
            new Case(Filter.DELTA, 2, Delta::apply, Delta::undo),
            new Case(Filter.DELTA, 4, Delta::apply, Delta::undo),
            new Case(Filter.DELTA, 8, Delta::apply, Delta::undo),
            new Case(Filter.WAVELET_5_3, 2, IntegerWavelet::apply, IntegerWavelet::undo),
            new Case(Filter.WAVELET_5_3, 4, IntegerWavelet::apply, IntegerWavelet::undo));

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.of(CASES);
    }

    /** Random bytes, or a smooth signal (a slow ramp with small noise), which drives the wavelet and delta hardest. */
    @Provide
    Arbitrary<byte[]> blocks() {
        Arbitrary<Integer> lengths = Arbitraries.oneOf(Arbitraries.integers().between(0, 300),
                Arbitraries.integers().between(300, 40_000));
        return Combinators.combine(lengths, Arbitraries.longs(), Arbitraries.of(true, false))
                .as(EngineFiltersTest::block);
    }

    static byte[] block(int length, long seed, boolean smooth) {
        Random random = new Random(seed);
        byte[] data = new byte[length];
        if (!smooth) {
            random.nextBytes(data);
            return data;
        }
        for (int i = 0; i < length; i++) { // little-endian 16-bit samples of a ramp, with noise in the low byte
            int sample = 1000 + 3 * (i / 2) + random.nextInt(8);
            data[i] = (byte) (i % 2 == 0 ? sample : sample >> 8);
        }
        return data;
    }

    @Property(tries = 300)
    void theCoreAppliesAsTheReferenceDoes(@ForAll("cases") Case c, @ForAll("blocks") byte[] data) {
        FilterRunner runner = EngineFilters.of(core);
        byte[] expected = c.apply().apply(data, c.size());
        assertArrayEquals(expected, runner.apply(c.chain(), data));
        assertArrayEquals(data, runner.undo(c.chain(), expected));
    }

    @Property(tries = 300)
    void theCoreUndoesAnyBytesAsTheReferenceDoes(@ForAll("cases") Case c, @ForAll("blocks") byte[] data) {
        assertArrayEquals(c.undo().apply(data, c.size()), EngineFilters.of(core).undo(c.chain(), data));
    }

    /** Chains of two, among them the shuffle and delta:1 that the core runs in one pass, against the reference. */
    @Property(tries = 300)
    void theCoreRunsChainsAsTheReferenceDoes(@ForAll("cases") Case first, @ForAll("cases") Case second,
            @ForAll("blocks") byte[] data) {
        FilterChain chain = FilterChain.of(first.stage(), second.stage());
        byte[] expected = second.apply().apply(first.apply().apply(data, first.size()), second.size());
        FilterRunner runner = EngineFilters.of(core);
        assertArrayEquals(expected, runner.apply(chain, data), chain.toString());
        assertArrayEquals(data, runner.undo(chain, expected), chain.toString());
    }

    @Property(tries = 200)
    void theCoreRunsTheBytedeltaChainAsTheReferenceDoes(@ForAll("shuffleSizes") int size,
            @ForAll("blocks") byte[] data) {
        FilterChain chain = FilterChain.parse("shuffle:" + size + ",delta:1");
        byte[] expected = Delta.apply(ByteShuffle.apply(data, size), 1);
        assertArrayEquals(expected, EngineFilters.of(core).apply(chain, data));
        assertArrayEquals(data, EngineFilters.of(core).undo(chain, expected));
    }

    @Provide
    Arbitrary<Integer> shuffleSizes() {
        return Arbitraries.of(2, 4, 8);
    }

    @Test
    void aWholeBlockOfEveryChainMatchesTheJavaFilters() {
        byte[] block = block((1 << 20) + 13, 42, true);
        FilterRunner runner = EngineFilters.of(core);
        for (String chain : List.of("wavelet:2,shuffle:2", "delta:4,bitshuffle:4", "shuffle:8,delta:1",
                "wavelet:4,bitshuffle:2,delta:8,shuffle:4")) {
            FilterChain filters = FilterChain.parse(chain);
            byte[] filtered = filters.apply(block);
            assertArrayEquals(filtered, filters.apply(block, runner), chain);
            assertArrayEquals(block, filters.undo(filtered, runner), chain);
        }
    }

    @Test
    void theReferenceEngineAndNoEngineFilterInJava() {
        assertSame(FilterRunner.JAVA, EngineFilters.of(new ReferenceEngine()));
        assertSame(FilterRunner.JAVA, EngineFilters.of(null));
        assertInstanceOf(EngineFilters.class, EngineFilters.of(core));
    }

    @Test
    void filtersTheCoreDoesNotDefineAreRefusedByName() {
        byte[] data = new byte[16];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> core.applyFilters(new int[] {1, 4, 9, 2}, data, new byte[16]));
        assertEquals("the core does not define the chain 1:4,9:2 (H4_E_BAD_FILTER)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> core.undoFilters(new int[] {Filter.WAVELET_5_3.id(), 8},
                data, new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> core.applyFilters(new int[] {1, 2, 1, 2, 1, 2, 1, 2, 1, 2},
                data, new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> core.applyFilters(new int[] {1}, data, new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> core.applyFilters(new int[] {1, 2}, data, new byte[15]));
        assertThrows(IllegalArgumentException.class, () -> core.applyFilters(new int[] {1, 2}, data, data));
    }
}
