package io.harmony4.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The filters of docs/filters.md: the spec's test vectors, and every filter undone exactly on any bytes. */
class FiltersTest {
    private static final HexFormat HEX = HexFormat.of();

    @Provide
    Arbitrary<Integer> shuffleSizes() {
        return Arbitraries.of(2, 4, 8);
    }

    @Provide
    Arbitrary<Integer> deltaSizes() {
        return Arbitraries.of(1, 2, 4, 8);
    }

    @Property
    void byteShuffleIsUndoneExactly(@ForAll @Size(max = 3000) byte[] data, @ForAll("shuffleSizes") int size) {
        byte[] shuffled = ByteShuffle.apply(data, size);
        assertArrayEquals(data, ByteShuffle.undo(shuffled, size));
        assertArrayEquals(sorted(data), sorted(shuffled)); // a permutation of the bytes
    }

    @Property
    void bitShuffleIsUndoneExactly(@ForAll @Size(max = 3000) byte[] data, @ForAll("shuffleSizes") int size) {
        byte[] shuffled = BitShuffle.apply(data, size);
        assertArrayEquals(data, BitShuffle.undo(shuffled, size));
        assertEquals(bitCount(data), bitCount(shuffled)); // a permutation of the bits
        int rest = BitShuffle.transposed(data.length, size) * size;
        assertArrayEquals(Arrays.copyOfRange(data, rest, data.length),
                Arrays.copyOfRange(shuffled, rest, shuffled.length));
    }

    @Property
    void deltaIsUndoneExactly(@ForAll @Size(max = 3000) byte[] data, @ForAll("deltaSizes") int size) {
        assertArrayEquals(data, Delta.undo(Delta.apply(data, size), size));
    }

    @Provide
    Arbitrary<Integer> waveletSizes() {
        return Arbitraries.of(2, 4);
    }

    @Property
    void waveletIsUndoneExactly(@ForAll @Size(max = 3000) byte[] data, @ForAll("waveletSizes") int size) {
        assertArrayEquals(data, IntegerWavelet.undo(IntegerWavelet.apply(data, size), size));
    }

    @Property
    void waveletLeavesNoDetailInARamp(@ForAll("waveletSizes") int size, @ForAll @IntRange(
            min = -1000, max = 1000) int start, @ForAll @IntRange(min = -50, max = 50) int step) {
        int n = 64;
        ByteBuffer ramp = ByteBuffer.allocate(n * size).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            if (size == 2) {
                ramp.putShort((short) (start + step * i));
            } else {
                ramp.putInt(start + step * i);
            }
        }
        byte[] out = IntegerWavelet.apply(ramp.array(), size);
        // the first level's high band, the second half of the elements, is zero where a line is predicted exactly:
        // everywhere but its last element, which the mirror at the right end predicts by its left neighbour alone
        for (int b = n / 2 * size; b < (n - 1) * size; b++) {
            assertEquals(0, out[b], "byte " + b);
        }
    }

    @Property
    void filtersKeepTheLength(@ForAll @Size(max = 300) byte[] data, @ForAll("shuffleSizes") int size) {
        assertEquals(data.length, ByteShuffle.apply(data, size).length);
        assertEquals(data.length, BitShuffle.apply(data, size).length);
        assertEquals(data.length, Delta.apply(data, size).length);
    }

    // The test vectors of docs/filters.md.

    @Example
    void byteShuffleVector() {
        assertEquals("00040801050902060a03070b0c0d",
                HEX.formatHex(ByteShuffle.apply(HEX.parseHex("000102030405060708090a0b0c0d"), 4)));
    }

    @Example
    void bitShuffleVector() {
        // eight 2-byte elements 1, 2, 4, ..., 128 (little-endian), then one byte that is not a whole element
        byte[] data = HEX.parseHex("01000200040008001000200040008000ee");
        assertEquals("0102040810204080" + "0000000000000000" + "ee", HEX.formatHex(BitShuffle.apply(data, 2)));
    }

    @Example
    void deltaVectors() {
        assertEquals("0502fff901", HEX.formatHex(Delta.apply(HEX.parseHex("050706ff00"), 1)));
        // 0x0100 then 0x00ff: 0x00ff - 0x0100 = -1 = 0xffff modulo 2^16; the odd byte stays
        assertEquals("0001ffff7f", HEX.formatHex(Delta.apply(HEX.parseHex("0001ff007f"), 2)));
        // 8-byte elements wrap modulo 2^64: 0 - 1 = 0xffffffffffffffff
        assertEquals("0100000000000000" + "ffffffffffffffff",
                HEX.formatHex(Delta.apply(HEX.parseHex("0100000000000000" + "0000000000000000"), 8)));
    }

    @Example
    void waveletVectors() {
        // 10, 12, 14, 20, 18 as int16, then a tail byte: three levels give 15, 10, 0, 0, 4 (docs/filters.md)
        assertEquals("0f000a00000000000400ff", HEX.formatHex(IntegerWavelet.apply(HEX.parseHex("0a000c000e0014001200ff"),
                2)));
        // 32767, -32768: the arithmetic wraps modulo 2^16 and still undoes exactly
        assertEquals("00800100", HEX.formatHex(IntegerWavelet.apply(HEX.parseHex("ff7f0080"), 2)));
        assertEquals("ff7f0080", HEX.formatHex(IntegerWavelet.undo(HEX.parseHex("00800100"), 2)));
    }

    /** Every implementation, reference and fast, both ways, takes exactly the sizes its {@link Filter} defines. */
    @Example
    void everyImplementationTakesTheSizesOfItsFilterAndRefusesTheRest() {
        Map<Filter, List<BiFunction<byte[], Integer, byte[]>>> implementations = Map.of(
                Filter.BYTE_SHUFFLE, List.of(ByteShuffle::apply, ByteShuffle::undo, FastFilters::byteShuffle,
                        FastFilters::byteUnshuffle),
                Filter.BIT_SHUFFLE, List.of(BitShuffle::apply, BitShuffle::undo, FastFilters::bitShuffle,
                        FastFilters::bitUnshuffle),
                Filter.DELTA, List.of(Delta::apply, Delta::undo, FastFilters::delta, FastFilters::undelta),
                Filter.WAVELET_5_3, List.of(IntegerWavelet::apply, IntegerWavelet::undo, FastFilters::wavelet,
                        FastFilters::unwavelet));
        assertEquals(Set.of(Filter.values()), implementations.keySet());
        implementations.forEach((filter, each) -> {
            for (int size = -1; size <= 16; size++) {
                for (BiFunction<byte[], Integer, byte[]> implementation : each) {
                    int s = size;
                    if (filter.accepts(size)) {
                        assertEquals(64, implementation.apply(new byte[64], size).length);
                    } else {
                        assertEquals("the " + filter.label() + " filter is not defined for elements of " + size
                                + " bytes", assertThrows(IllegalArgumentException.class,
                                        () -> implementation.apply(new byte[64], s)).getMessage());
                    }
                }
            }
        });
    }

    private static byte[] sorted(byte[] b) {
        byte[] c = b.clone();
        Arrays.sort(c);
        return c;
    }

    private static long bitCount(byte[] b) {
        long n = 0;
        for (byte x : b) {
            n += Integer.bitCount(x & 0xFF);
        }
        return n;
    }

    /** The fast implementations give the reference's bytes, both ways, on any bytes and element size. */
    @Property(tries = 300)
    void fastShufflesGiveTheReferenceBytes(@ForAll @Size(max = 5000) byte[] data,
            @ForAll("shuffleSizes") int size) {
        assertArrayEquals(ByteShuffle.apply(data, size), FastFilters.byteShuffle(data, size));
        assertArrayEquals(ByteShuffle.undo(data, size), FastFilters.byteUnshuffle(data, size));
        assertArrayEquals(BitShuffle.apply(data, size), FastFilters.bitShuffle(data, size));
        assertArrayEquals(BitShuffle.undo(data, size), FastFilters.bitUnshuffle(data, size));
    }

    @Property(tries = 300)
    void fastDeltaGivesTheReferenceBytes(@ForAll @Size(max = 5000) byte[] data, @ForAll("deltaSizes") int size) {
        assertArrayEquals(Delta.apply(data, size), FastFilters.delta(data, size));
        assertArrayEquals(Delta.undo(data, size), FastFilters.undelta(data, size));
    }

    @Property(tries = 300)
    void fastWaveletGivesTheReferenceBytes(@ForAll @Size(max = 5000) byte[] data, @ForAll("waveletSizes") int size) {
        assertArrayEquals(IntegerWavelet.apply(data, size), FastFilters.wavelet(data, size));
        assertArrayEquals(IntegerWavelet.undo(data, size), FastFilters.unwavelet(data, size));
    }

    @Example
    void theBitTransposeSwapsRowsAndColumns() {
        // row t (byte t) holds bit t only: the identity matrix is its own transpose
        assertEquals(0x8040201008040201L, FastFilters.transpose8x8(0x8040201008040201L));
        // row 0 all ones becomes column 0 all ones: bit 0 of every byte
        assertEquals(0x0101010101010101L, FastFilters.transpose8x8(0xFFL));
    }
}
