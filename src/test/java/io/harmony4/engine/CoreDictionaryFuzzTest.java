package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * Jazzer fuzz targets for the core's dictionaries: any bytes as a dictionary, any bytes as a frame. A dictionary is
 * digested or refused as an {@link InvalidDictionaryException}; a frame decodes to what it was made from or is a
 * {@link CorruptInputException} (a {@link DictionaryMismatchException} among them); what is compressed with any
 * dictionary comes back exactly. Anything else (an engine failure, a crash, a hang) is a finding. The seeds
 * (src/test/resources/io/harmony4/engine/CoreDictionaryFuzzTestInputs) are a trained dictionary, a raw one and none,
 * each with a frame made with it; {@link CoreDictionaryFuzzSeedsTest} checks that they reach the decoder.
 */
class CoreDictionaryFuzzTest {
    /** An input starts with the dictionary's length, u32 little-endian, taken modulo the bytes that follow + 1. */
    static final int LENGTH_PREFIX = 4;

    @FuzzTest(maxDuration = "10s")
    void decoder(byte[] input) {
        Split split = Split.of(input);
        try {
            // any bytes as a frame header (ABI 6): read, or refused as no whole header
            assertEquals(TestEngines.core().frameDictId(split.rest()),
                    TestEngines.core().frameHeader(split.rest()).dictId());
        } catch (CorruptInputException notAHeader) {
            // the only answer to bytes that do not start with a whole frame header
        }
        // a content size read in Java (the engine's decoders ask no downcall for it) is the core's, of a whole header
        long declared = ZstdFrameSizes.declaredContentSize(split.rest());
        if (declared != ZstdFrameSizes.ASK_THE_CORE) {
            assertEquals(OptionalLong.of(declared), TestEngines.core().frameHeader(split.rest()).contentSize());
        }
        CoreDictionary dictionary;
        try {
            dictionary = TestEngines.core().dictionary(split.dictionary());
        } catch (InvalidDictionaryException refused) {
            return; // the only answer to bytes that cannot be a dictionary
        }
        try (dictionary) {
            TestEngines.core().withDictionary(dictionary).decompress(split.rest());
        } catch (CorruptInputException expected) {
            // the only answer to bytes that are not a frame made with this dictionary
        }
    }

    @FuzzTest(maxDuration = "10s")
    void roundTrip(byte[] input) {
        Split split = Split.of(input);
        CoreDictionary dictionary;
        try {
            dictionary = TestEngines.core().dictionary(split.dictionary());
        } catch (InvalidDictionaryException refused) {
            return;
        }
        try (dictionary) {
            CompressionEngine bound = TestEngines.core().withDictionary(dictionary);
            byte[] frame = bound.compress(split.rest());
            assertEquals(dictionary.dictId(), TestEngines.core().frameDictId(frame));
            assertArrayEquals(split.rest(), bound.decompress(frame));
            // Whatever follows a whole frame is refused: libzstd alone skips a skippable frame and decodes an empty
            // frame into nothing, and the core decodes a frame whose header it accepts before walking its blocks.
            byte[] someBytes = Arrays.copyOf(split.dictionary(), Math.min(8, split.dictionary().length));
            for (byte[] tail : List.of(SKIPPABLE, bound.compress(new byte[0]), frame, someBytes)) {
                if (tail.length > 0) {
                    byte[] followed = Arrays.copyOf(frame, frame.length + tail.length);
                    System.arraycopy(tail, 0, followed, frame.length, tail.length);
                    assertThrows(CorruptInputException.class, () -> bound.decompress(followed));
                }
            }
        }
    }

    /** A skippable frame (RFC 8878 section 3.1.2) of 4 bytes. */
    private static final byte[] SKIPPABLE = {0x50, 0x2A, 0x4D, 0x18, 4, 0, 0, 0, 1, 2, 3, 4};

    /** Since ABI 6: any bytes as raw content (dcz), never refused; the rest decodes exactly or not, and round-trips. */
    @FuzzTest(maxDuration = "10s")
    void rawContent(byte[] input) {
        Split split = Split.of(input);
        try (CoreDictionary dictionary = TestEngines.core().rawDictionary(split.dictionary())) {
            assertEquals(0, dictionary.dictId());
            CompressionEngine bound = TestEngines.core().withDictionary(dictionary);
            try {
                bound.decompress(split.rest());
            } catch (CorruptInputException expected) {
                // the only answer to bytes that are not a frame made with this content
            }
            byte[] frame = bound.compress(split.rest());
            assertEquals(0, TestEngines.core().frameDictId(frame));
            assertArrayEquals(split.rest(), bound.decompress(frame));
        }
    }

    /** An input cut into a dictionary and the bytes after it. */
    record Split(byte[] dictionary, byte[] rest) {
        static Split of(byte[] input) {
            int prefix = Math.min(LENGTH_PREFIX, input.length);
            long declared = Integer.toUnsignedLong(ByteBuffer.wrap(Arrays.copyOf(input, LENGTH_PREFIX))
                    .order(ByteOrder.LITTLE_ENDIAN).getInt());
            int length = (int) (declared % (input.length - prefix + 1));
            return new Split(Arrays.copyOfRange(input, prefix, prefix + length),
                    Arrays.copyOfRange(input, prefix + length, input.length));
        }

        /** The input a fuzz target cuts into {@code dictionary} and {@code rest}. */
        static byte[] join(byte[] dictionary, byte[] rest) {
            return ByteBuffer.allocate(LENGTH_PREFIX + dictionary.length + rest.length).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(dictionary.length).put(dictionary).put(rest).array();
        }
    }
}
