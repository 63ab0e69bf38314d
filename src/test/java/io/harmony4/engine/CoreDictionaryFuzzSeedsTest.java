package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The seeds of {@link CoreDictionaryFuzzTest} reach the code they are for: each is a dictionary the core digests and
 * a frame made with it that decodes, for a trained (zstd-format) dictionary, a raw one and an empty one; and both
 * targets pass on them. Runs in the default test run, which leaves the fuzz targets to their own executions.
 */
class CoreDictionaryFuzzSeedsTest {
    @Test
    void everySeedIsADictionaryAndAFrameMadeWithIt() throws IOException {
        Set<String> kinds = new TreeSet<>();
        for (Path seed : seeds("decoder")) {
            CoreDictionaryFuzzTest.Split split = CoreDictionaryFuzzTest.Split.of(Files.readAllBytes(seed));
            try (CoreDictionary dictionary = TestEngines.core().dictionary(split.dictionary())) {
                byte[] content = TestEngines.core().withDictionary(dictionary).decompress(split.rest());
                assertEquals(dictionary.dictId(), TestEngines.core().frameDictId(split.rest()), seed.toString());
                assertTrue(content.length > 0, seed.toString());
                kinds.add(split.dictionary().length == 0 ? "empty" : dictionary.dictId() == 0 ? "raw" : "trained");
            }
        }
        assertEquals(Set.of("empty", "raw", "trained"), kinds);
    }

    @Test
    void theTargetsPassOnTheSeeds() throws IOException {
        CoreDictionaryFuzzTest targets = new CoreDictionaryFuzzTest();
        for (Path seed : seeds("decoder")) {
            targets.decoder(Files.readAllBytes(seed));
        }
        for (Path seed : seeds("roundTrip")) {
            targets.roundTrip(Files.readAllBytes(seed));
        }
        for (Path seed : seeds("rawContent")) {
            targets.rawContent(Files.readAllBytes(seed));
        }
    }

    @Test
    void aSplitGivesBackWhatWasJoined() {
        byte[] joined = CoreDictionaryFuzzTest.Split.join(new byte[] {1, 2, 3}, new byte[] {4, 5});
        CoreDictionaryFuzzTest.Split split = CoreDictionaryFuzzTest.Split.of(joined);
        assertArrayEquals(new byte[] {1, 2, 3}, split.dictionary());
        assertArrayEquals(new byte[] {4, 5}, split.rest());
        assertEquals(0, CoreDictionaryFuzzTest.Split.of(new byte[] {9}).dictionary().length);
    }

    private static List<Path> seeds(String target) throws IOException {
        return FuzzSeeds.files(CoreDictionaryFuzzTest.class, target);
    }
}
