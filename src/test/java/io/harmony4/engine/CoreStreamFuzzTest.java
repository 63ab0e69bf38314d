package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Jazzer fuzz targets for the core's decompressing stream: any bytes, cut into messages, are decoded message by
 * message, and give messages within the limit or a {@link CorruptInputException} (a
 * {@link DictionaryMismatchException} among them); anything else (an engine failure, a crash, a hang) is a finding.
 * And any messages round-trip through a compressing stream.
 */
class CoreStreamFuzzTest {
    private static final int LIMIT = 1 << 16;
    private static final StreamSettings SETTINGS = StreamSettings.of(3, LIMIT);

    @FuzzTest(maxDuration = "10s")
    void decoder(byte[] input) {
        try (MessageStreamDecompressor decompressor = TestEngines.core().decompressor(SETTINGS)) {
            for (byte[] message : messages(input)) {
                assertTrue(decompressor.decompress(message).length <= LIMIT);
            }
        } catch (CorruptInputException expected) {
            // the only answer to bytes that are not a stream's
        }
    }

    @FuzzTest(maxDuration = "10s")
    void roundTrip(byte[] input) {
        List<byte[]> messages = messages(input);
        List<byte[]> compressed = CoreMessageStreamsTest.compressAll(TestEngines.core(), SETTINGS, messages);
        try (MessageStreamDecompressor decompressor = TestEngines.core().decompressor(SETTINGS)) {
            for (int i = 0; i < messages.size(); i++) {
                assertArrayEquals(messages.get(i), decompressor.decompress(compressed.get(i)));
            }
            decompressor.decompress(compressed.getLast());
            assertTrue(decompressor.ended());
        }
    }

    /** The input cut into messages: each is a length byte and up to that many bytes. */
    static List<byte[]> messages(byte[] input) {
        List<byte[]> messages = new ArrayList<>();
        for (int at = 0; at < input.length; ) {
            int length = Math.min(input[at] & 0xFF, input.length - at - 1);
            messages.add(Arrays.copyOfRange(input, at + 1, at + 1 + length));
            at += 1 + length;
        }
        return messages;
    }
}
