package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seeds of {@link CoreStreamFuzzTest} reach the code they are for: the decoder's seed is a whole recorded stream
 * (four messages, an empty one among them, and the end) that decodes to the round trip's seed and ends, so that the
 * fuzzer starts from bytes deep inside a valid stream. Runs in the default test run.
 */
class CoreStreamFuzzSeedsTest {
    @Test
    void theDecodersSeedIsAStreamOfTheRoundTripsMessages() throws IOException {
        List<byte[]> stream = CoreStreamFuzzTest.messages(only("decoder"));
        List<byte[]> messages = CoreStreamFuzzTest.messages(only("roundTrip"));
        assertEquals(messages.size() + 1, stream.size());
        try (MessageStreamDecompressor decompressor = TestEngines.core().decompressor(StreamSettings.of(3, 1024))) {
            for (int i = 0; i < messages.size(); i++) {
                assertArrayEquals(messages.get(i), decompressor.decompress(stream.get(i)));
            }
            decompressor.decompress(stream.getLast());
            assertTrue(decompressor.ended());
        }
    }

    @Test
    void theTargetsPassOnTheSeeds() throws IOException {
        CoreStreamFuzzTest targets = new CoreStreamFuzzTest();
        targets.decoder(only("decoder"));
        targets.roundTrip(only("roundTrip"));
        targets.roundTrip(only("decoder"));
    }

    private static byte[] only(String target) throws IOException {
        List<Path> seeds = FuzzSeeds.files(CoreStreamFuzzTest.class, target);
        assertEquals(1, seeds.size(), target);
        return Files.readAllBytes(seeds.getFirst());
    }
}
