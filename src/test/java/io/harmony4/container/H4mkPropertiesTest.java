package io.harmony4.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.harmony4.engine.TestEngines;
import java.io.IOException;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties over arbitrary content, block sizes and parallelism. */
class H4mkPropertiesTest {
    @Property(tries = 150)
    void roundTripAnyBlockSizeAndParallelism(@ForAll @Size(max = 5000) byte[] content,
            @ForAll @IntRange(min = 1, max = 2000) int blockSize, @ForAll @IntRange(min = 1, max = 4) int parallelism,
            @ForAll boolean core) throws IOException {
        byte[] container = Containers.write(content, core ? TestEngines.core() : TestEngines.reference(), blockSize,
                parallelism);
        assertArrayEquals(content, Containers.read(container, parallelism));
        assertArrayEquals(container, Containers.write(content, core ? TestEngines.core() : TestEngines.reference(),
                blockSize, 1));
    }

    @Property(tries = 150)
    void anyRangeMatchesTheContent(@ForAll @Size(min = 1, max = 5000) byte[] content,
            @ForAll @IntRange(min = 1, max = 700) int blockSize, @ForAll @IntRange(min = 0, max = 5000) int from,
            @ForAll @IntRange(min = 0, max = 5000) int length) throws IOException {
        int offset = Math.min(from, content.length);
        int n = Math.min(length, content.length - offset);
        byte[] container = Containers.write(content, TestEngines.core(), blockSize, 1);
        H4mkRandomAccessReader reader = H4mkRandomAccessReader.open(RandomAccessSource.of(container), Containers.ALL,
                ContainerLimits.DEFAULT);
        assertArrayEquals(Arrays.copyOfRange(content, offset, offset + n), reader.read(offset, n));
    }
}
