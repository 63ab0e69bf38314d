package io.harmony4.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.engine.CompressionEngine;
import io.harmony4.engine.EngineInfo;
import io.harmony4.engine.TestData;
import io.harmony4.engine.TestEngines;
import io.harmony4.filter.Filter;
import io.harmony4.filter.FilterChain;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code auto}'s search: which chains it tries, in which order, and what it stops early on; which choices filter. */
class FilterChoiceTest {
    /** A slow int32 ramp with a little noise: the shuffle gains, and a delta after or before it gains more. */
    private static byte[] ramp(int samples, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        ByteBuffer buf = ByteBuffer.allocate(4 * samples).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            buf.putInt(1_000_000 + 3 * i + rnd.nextInt(4));
        }
        return buf.array();
    }

    /** auto's candidates start with the shuffle: it takes the shuffle's sizes, all of them when given none. */
    @Test
    void autoTakesTheSizesTheShuffleTakes() {
        assertEquals(Filter.BYTE_SHUFFLE.elementSizes(), new FilterChoice.Auto(List.of()).elementSizes());
        assertEquals(List.of(4), new FilterChoice.Auto(List.of(4)).elementSizes());
        assertEquals("auto chooses among filters of elements of 2, 4 or 8 bytes, not 1", assertThrows(
                IllegalArgumentException.class, () -> new FilterChoice.Auto(List.of(1))).getMessage());
    }

    /** Only a choice that can filter no block keeps a container at version 2. */
    @Test
    void onlyTheEmptyChainFiltersNoBlock() {
        assertFalse(FilterChoice.NONE.mayFilter());
        assertFalse(new FilterChoice.Fixed(FilterChain.parse("none")).mayFilter());
        assertTrue(new FilterChoice.Fixed(FilterChain.parse("delta:1")).mayFilter());
        assertTrue(new FilterChoice.Auto(List.of()).mayFilter());
    }

    @Test
    void theChainsAfterTheShufflesAreTriedOnceAShuffleWins() {
        FilterChain chosen = new FilterChoice.Auto(List.of(4)).choose(ramp(64 * 1024, 1), TestEngines.core());
        assertEquals(2, chosen.stages().size(), chosen.toString());
        assertNotEquals("shuffle:4", chosen.toString());
    }

    @Test
    void textIsLeftAfterTheShufflesWithoutTryingTheRest() {
        Counting engine = new Counting();
        FilterChain chosen = new FilterChoice.Auto(List.of()).choose(TestData.text(256 * 1024, 2), engine);
        assertEquals(FilterChain.NONE, chosen);
        assertEquals(1 + 3, engine.calls.get()); // no filter, then shuffle:2, :4 and :8
    }

    @Test
    void typedDataGetsTheLaterChainsAtTheProbedSizeOnly() {
        Counting engine = new Counting();
        new FilterChoice.Auto(List.of()).choose(ramp(64 * 1024, 3), engine);
        // no filter, three shuffles, then bitshuffle, shuffle+delta:1, delta+shuffle and (at 2 or 4) wavelet+shuffle
        int calls = engine.calls.get();
        assertTrue(calls == 1 + 3 + 4 || calls == 1 + 3 + 3, calls + " trials");
        engine.calls.set(0);
        new FilterChoice.Auto(List.of(4)).choose(ramp(64 * 1024, 3), engine);
        assertEquals(1 + 1 + 4, engine.calls.get());
    }

    /** The core's compression, counting the calls auto makes (not a CompressedSizeEstimate, so it calls compress). */
    private static final class Counting implements CompressionEngine {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public byte[] compress(byte[] input) {
            calls.incrementAndGet();
            return TestEngines.core().compress(input);
        }

        @Override
        public byte[] decompress(byte[] compressed) {
            return TestEngines.core().decompress(compressed);
        }

        @Override
        public EngineInfo info() {
            return TestEngines.core().info();
        }
    }
}
