package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz targets for the reference engine: its decoder may only answer any byte string with the original or
 * a {@link CorruptInputException}, and whatever it is given to compress must come back exactly.
 */
class ReferenceDecoderFuzzTest {
    private static final ReferenceEngine ENGINE = new ReferenceEngine();

    @FuzzTest(maxDuration = "10s")
    void decoder(byte[] input) {
        try {
            ENGINE.decompress(input);
        } catch (CorruptInputException expected) {
            // the only answer to bytes that are not a valid H4RE stream
        }
    }

    @FuzzTest(maxDuration = "10s")
    void roundTrip(byte[] content) {
        assertArrayEquals(content, ENGINE.decompress(ENGINE.compress(content)));
    }
}
