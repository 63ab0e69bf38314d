package io.harmony4.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.engine.FuzzSeeds;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seeds of {@link H4mkReaderFuzzTest} reach the code they name: whole containers of every format version, which
 * both readers decode, and for the random-access target a range in front of one. A seed that stops short (a cut
 * trailer, a range that eats the container's last bytes, a container past the target's limits) only ever exercises
 * the first checks; this fails instead. It reads the seeds as the targets do, with their engines and limits. Runs in
 * the default test run, which leaves the fuzz targets themselves to their own executions.
 */
class H4mkReaderFuzzSeedsTest {
    @ParameterizedTest
    @ValueSource(strings = {"streamReader", "streamReaderBehindTheCrcs"})
    void streamSeedsAreWholeContainersOfEveryVersion(String target) throws IOException {
        Set<Integer> versions = new TreeSet<>();
        for (Path seed : files(target)) {
            byte[] container = Files.readAllBytes(seed);
            H4mkRandomAccessReader reader = open(container);
            assertEquals(reader.contentSize(), H4mkReaderFuzzTest.decode(container).length, seed.toString());
            versions.add(reader.version());
        }
        assertEquals(Set.of(1, 2, 3), versions, target + " must seed every format version");
    }

    @Test
    void randomAccessSeedsAreARangeThenAWholeContainer() throws IOException {
        Set<Integer> versions = new TreeSet<>();
        int inside = 0;
        for (Path seed : files("randomAccessReader")) {
            byte[] input = Files.readAllBytes(seed);
            ByteBuffer range = ByteBuffer.wrap(input, 0, H4mkReaderFuzzTest.RANGE_PREFIX)
                    .order(ByteOrder.LITTLE_ENDIAN);
            long offset = Integer.toUnsignedLong(range.getInt());
            long length = Integer.toUnsignedLong(range.getInt());
            byte[] container = Arrays.copyOfRange(input, H4mkReaderFuzzTest.RANGE_PREFIX, input.length);
            H4mkRandomAccessReader reader = open(container);
            versions.add(reader.version());
            assertTrue(offset < reader.contentSize() + 2 && length < reader.contentSize() + 2,
                    seed + ": the target takes the range modulo content size + 2; this one would wrap");
            if (offset + length <= reader.contentSize()) {
                inside++;
                byte[] whole = H4mkReaderFuzzTest.decode(container);
                assertArrayEquals(Arrays.copyOfRange(whole, (int) offset, (int) (offset + length)),
                        reader.read(offset, (int) length), seed.toString());
            } else {
                assertThrows(InvalidRangeException.class, () -> reader.read(offset, (int) length), seed.toString());
            }
        }
        assertEquals(Set.of(1, 2, 3), versions, "randomAccessReader must seed every format version");
        assertTrue(inside > files("randomAccessReader").size() / 2, "most seeds must read a range inside");
    }

    private static H4mkRandomAccessReader open(byte[] container) throws IOException {
        return H4mkRandomAccessReader.open(RandomAccessSource.of(container), H4mkReaderFuzzTest.ENGINES,
                H4mkReaderFuzzTest.LIMITS);
    }

    private static List<Path> files(String target) throws IOException {
        return FuzzSeeds.files(H4mkReaderFuzzTest.class, target);
    }
}
