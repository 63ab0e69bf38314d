package io.harmony4.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Filter chains: ids that never change, the text form the API reads, and any chain undone exactly. */
class FilterChainTest {
    /** Ids, labels and element sizes as docs/filters.md defines them: everything else asks {@link Filter}. */
    @Test
    void idsLabelsAndElementSizesArePinned() {
        assertEquals(List.of("1 shuffle [2, 4, 8]", "2 bitshuffle [2, 4, 8]", "3 delta [1, 2, 4, 8]",
                "4 wavelet [2, 4]"), java.util.Arrays.stream(Filter.values())
                        .map(f -> f.id() + " " + f.label() + " " + f.elementSizes()).toList());
        assertEquals(List.of(1, 2, 4, 8), Filter.anyElementSize());
        assertTrue(Filter.byId(0).isEmpty());
        assertTrue(Filter.byId(5).isEmpty());
    }

    @Test
    void choicesAreOfferedAsASentenceDoes() {
        assertEquals("1, 2, 4 or 8", Filter.oneOf(List.of(1, 2, 4, 8)));
        assertEquals("2 or 4", Filter.oneOf(List.of(2, 4)));
        assertEquals("2", Filter.oneOf(List.of(2)));
    }

    @Test
    void theTextFormRoundTrips() {
        for (String text : List.of("none", "shuffle:4", "wavelet:2,shuffle:2", "delta:1,delta:2,delta:4,delta:8")) {
            assertEquals(text, FilterChain.parse(text).toString());
        }
        assertEquals(FilterChain.NONE, FilterChain.parse(""));
        assertEquals(FilterChain.parse("wavelet:2,shuffle:2"), FilterChain.parse(" wavelet : 2 , shuffle:2 "));
    }

    @Test
    void badTextIsNamedForAPersonToFix() {
        assertMessage("unknown filter 'zip' (shuffle, bitshuffle, delta, wavelet or none)", "zip:2");
        assertMessage("filter 'shuffle' needs an element size in bytes, e.g. shuffle:4", "shuffle");
        assertMessage("element size 'four' of filter shuffle is not a number of bytes", "shuffle:four");
        assertMessage("the wavelet filter is not defined for elements of 8 bytes", "wavelet:8");
        assertMessage("the shuffle filter is not defined for elements of 1 bytes", "shuffle:1");
        assertMessage("5 filters, at most 4", "delta:1,delta:1,delta:1,delta:1,delta:1");
        assertMessage("unknown filter '' (shuffle, bitshuffle, delta, wavelet or none)", "shuffle:2,");
    }

    private static void assertMessage(String expected, String text) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> FilterChain.parse(text))
                .getMessage());
    }

    @Provide
    Arbitrary<FilterChain> chains() {
        Arbitrary<FilterChain.Stage> stage = Combinators.combine(Arbitraries.of(Filter.values()),
                Arbitraries.of(1, 2, 4, 8)).filter((f, size) -> f.accepts(size)).as(FilterChain.Stage::new);
        return stage.list().ofMaxSize(FilterChain.MAX_STAGES).map(FilterChain::new);
    }

    @Property(tries = 500)
    void everyChainIsUndoneExactlyAndKeepsTheLength(@ForAll @Size(max = 5000) byte[] data,
            @ForAll("chains") FilterChain chain) {
        byte[] filtered = chain.apply(data);
        assertEquals(data.length, filtered.length);
        assertArrayEquals(data, chain.undo(filtered));
    }
}
