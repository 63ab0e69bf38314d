package io.harmony4.container;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.harmony4.engine.CompressionException;
import io.harmony4.engine.EngineFailureException;
import io.harmony4.engine.ReferenceEngine;
import io.harmony4.engine.TestEngines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Jazzer fuzz targets for the two H4MK readers. Any input may only end in a typed {@link CompressionException}
 * (an engine failure excepted: the real core must never report one); anything else, an out-of-memory or a hang
 * included, is a finding, and so is a random-access read that disagrees with the stream reader. In
 * {@code ./mvnw verify} these run once over the committed seeds
 * (src/test/resources/io/harmony4/container/H4mkReaderFuzzTestInputs: the golden containers of every format
 * version) and then fuzz briefly; docs/reliability.md gives the longer run.
 */
class H4mkReaderFuzzTest {
    /** Small limits: the readers must refuse what exceeds them before committing memory. */
    static final ContainerLimits LIMITS = new ContainerLimits(1 << 20, 4096, 64L << 20, 1000);
    static final EngineSet ENGINES = EngineSet.of(new ReferenceEngine(), TestEngines.core());
    /** The range a {@link #randomAccessReader} input starts with: offset and length, u32 little-endian each. */
    static final int RANGE_PREFIX = 8;

    @FuzzTest(maxDuration = "10s")
    void streamReader(byte[] container) throws IOException {
        read(container);
    }

    /** The same bytes with every chunk's CRC made right, so mutations reach the checks behind the CRCs. */
    @FuzzTest(maxDuration = "10s")
    void streamReaderBehindTheCrcs(byte[] container) throws IOException {
        read(fixCrcs(container));
    }

    /**
     * A range read of a container with its CRCs made right, checked against the stream reader's output. The input
     * is the range (see {@link #RANGE_PREFIX}, taken modulo two more than the content size, so that most ranges lie
     * inside the content and some just outside) and then the container: the seeds are a golden container behind a
     * range, and a mutation of either reaches a whole trailer.
     */
    @FuzzTest(maxDuration = "10s")
    void randomAccessReader(byte[] input) throws IOException {
        ByteBuffer range = ByteBuffer.wrap(Arrays.copyOf(input, RANGE_PREFIX)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] container = fixCrcs(Arrays.copyOfRange(input, Math.min(RANGE_PREFIX, input.length), input.length));
        byte[] whole = read(container);
        H4mkRandomAccessReader reader;
        try {
            reader = H4mkRandomAccessReader.open(RandomAccessSource.of(container), ENGINES, LIMITS);
        } catch (CompressionException e) {
            rethrowEngineFailure(e);
            assertNull(whole, () -> "the stream reader decodes what the random-access reader refuses: " + e);
            return;
        }
        long contentSize = reader.contentSize();
        if (whole != null) {
            assertEquals(whole.length, contentSize, "the readers disagree on the content size");
        }
        long offset = Integer.toUnsignedLong(range.getInt()) % (contentSize + 2);
        long length = Integer.toUnsignedLong(range.getInt()) % (contentSize + 2);
        boolean inside = offset + length <= contentSize;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            reader.read(offset, length, out);
        } catch (InvalidRangeException e) {
            assertFalse(inside, () -> "range " + offset + "+" + length + " of " + contentSize + " refused: " + e);
            return;
        } catch (CompressionException e) {
            rethrowEngineFailure(e);
            assertNull(whole, () -> "the stream reader decodes what a range read refuses: " + e);
            return;
        }
        assertTrue(inside, () -> "range " + offset + "+" + length + " of " + contentSize + " accepted");
        assertEquals(length, out.size(), "a range read gave another length");
        if (whole != null) {
            assertArrayEquals(Arrays.copyOfRange(whole, (int) offset, (int) (offset + length)), out.toByteArray(),
                    () -> "range " + offset + "+" + length + " differs from the stream reader's bytes");
        }
        assertEarlyBlocksChangeNothing(container, reader, offset, length, out.toByteArray());
    }

    /**
     * The range read again block by block as a streamed decompression reads it, its first blocks decoded while the
     * container passed ({@link LeadingBlocks}), the others into direct memory where they can be: the same bytes as the
     * plain range read, and every block of that memory given back.
     */
    private static void assertEarlyBlocksChangeNothing(byte[] container, H4mkRandomAccessReader reader, long offset,
            long length, byte[] expected) throws IOException {
        LeadingBlocks leading = new LeadingBlocks(offset, length, 2, ENGINES, LIMITS, Runnable::run);
        leading.watch(new ByteArrayInputStream(container)).readAllBytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long blockSize = reader.header().blockSize();
        CountingBlocks memory = new CountingBlocks();
        for (long i = offset / blockSize; length > 0 && i <= (offset + length - 1) / blockSize; i++) {
            byte[] block = memory.takeBytes(reader.block((int) i, leading.take(reader.chunkOffset((int) i)).join(),
                    memory, MemorySegment::ofArray));
            int from = (int) Math.max(0, offset - i * blockSize);
            int to = (int) Math.min(block.length, offset + length - i * blockSize);
            out.write(block, from, to - from);
        }
        assertArrayEquals(expected, out.toByteArray(), () -> "range " + offset + "+" + length
                + " differs with its first blocks decoded early");
        assertEquals(java.util.Set.of(), memory.out, "a block of direct memory left out");
    }

    /** The stream reader's output, or {@code null} where it refused the container with a typed error. */
    private static byte[] read(byte[] container) throws IOException {
        try {
            return decode(container);
        } catch (CompressionException e) {
            rethrowEngineFailure(e);
            return null;
        }
    }

    /** The container decoded by the stream reader, as the targets run it: their engines, their limits. */
    static byte[] decode(byte[] container) throws IOException {
        try (H4mkInputStream in = new H4mkInputStream(new ByteArrayInputStream(container), ENGINES, LIMITS, null, 1,
                H4mkInputStream.Mode.DECODE, ContainerVisitor.NONE)) {
            return in.readAllBytes();
        }
    }

    private static void rethrowEngineFailure(CompressionException e) {
        if (e instanceof EngineFailureException) {
            throw e;
        }
    }

    /** The bytes with the CRC of every chunk they frame made right, payloads unchanged. */
    private static byte[] fixCrcs(byte[] bytes) {
        return Tampering.rewriteChunks(bytes, (chunk, container) -> {});
    }
}
