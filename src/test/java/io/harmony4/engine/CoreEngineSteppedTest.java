package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * {@link CoreEngine#decompressUnchecked(byte[], int, int, byte[], int, java.util.function.IntConsumer)}: the decode
 * without checksum in steps (core ABI 3). The same bytes as the one-call decode; each step's bytes are final when
 * the caller hears of them; the whole size only at the end; and every frame the one-call decode refuses is refused.
 */
class CoreEngineSteppedTest {
    /** Never closed: jqwik's properties run outside JUnit's class lifecycle (as in CoreEngineTest). */
    private static final CoreEngine ENGINE = CoreEngine.load(NativeLibs.core(), CoreEngine.DEFAULT_LEVEL);

    /** Decodes in steps, checking at every step that what was reported is the content and only grows. */
    private static byte[] stepped(byte[] frame, byte[] content, int stepBytes) {
        byte[] out = new byte[content.length];
        List<Integer> steps = new ArrayList<>();
        ENGINE.decompressUnchecked(frame, 0, frame.length, out, stepBytes, n -> {
            assertTrue(steps.isEmpty() || n > steps.getLast() || content.length == 0, "steps must grow: " + n);
            assertTrue(Arrays.equals(out, 0, n, content, 0, n), "bytes reported at step " + n + " are not final");
            steps.add(n);
        });
        assertEquals(content.length, steps.getLast());
        assertEquals(1, steps.stream().filter(n -> n == content.length).count(), "the whole size comes once: " + steps);
        return out;
    }

    @Test
    void decodesWhatDecompressDecodesInSteps() {
        for (byte[] sample : List.of(new byte[0], new byte[] {42}, TestData.ramp(700), TestData.text(300_000, 1),
                TestData.random(1 << 20, 2), new byte[4 << 20])) {
            assertDecodesInSteps(sample);
        }
    }

    @Test
    void decodesTheCorpusInSteps() throws IOException {
        Corpus.forEachOrSkip(CoreEngineSteppedTest::assertDecodesInSteps);
    }

    private static void assertDecodesInSteps(byte[] sample) {
        byte[] frame = ENGINE.compress(sample);
        for (int stepBytes : new int[] {1, 10_000, 128 * 1024, Integer.MAX_VALUE}) {
            assertArrayEquals(sample, stepped(frame, sample, stepBytes));
        }
    }

    /** The frame as a slice of a larger array, as a container chunk holds it: only the slice is read. */
    @Test
    void aFrameInsideALargerArrayDecodesFromItsSlice() {
        byte[] content = TestData.text(200_000, 9);
        byte[] frame = ENGINE.compress(content);
        byte[] chunk = TestData.random(frame.length + 40, 10);
        System.arraycopy(frame, 0, chunk, 17, frame.length);
        byte[] out = new byte[content.length];
        ENGINE.decompressUnchecked(chunk, 17, frame.length, out, 50_000, n -> { });
        assertArrayEquals(content, out);
        assertThrows(CorruptInputException.class,
                () -> ENGINE.decompressUnchecked(chunk, 17, frame.length + 1, new byte[content.length], 1, n -> { }));
        assertThrows(IndexOutOfBoundsException.class,
                () -> ENGINE.decompressUnchecked(chunk, 41, frame.length, new byte[content.length], 1, n -> { }));
    }

    @Test
    void aBlockOfAMebibyteTakesSeveralSteps() {
        byte[] content = TestData.text(1 << 20, 3);
        List<Integer> steps = new ArrayList<>();
        byte[] frame = ENGINE.compress(content);
        ENGINE.decompressUnchecked(frame, 0, frame.length, new byte[content.length], 128 * 1024, steps::add);
        assertTrue(steps.size() >= 4 && steps.size() <= 9, "steps: " + steps);
    }

    @Property(tries = 200)
    void propertyRoundTrip(@ForAll @Size(max = 300_000) byte[] data,
            @ForAll @IntRange(min = 1, max = 200_000) int step) {
        assertArrayEquals(data, stepped(ENGINE.compress(data), data, step));
    }

    @Test
    void aDamagedChecksumPassesAndThePooledContextChecksAgainAfterwards() {
        byte[] content = TestData.text(100_000, 6);
        byte[] damaged = ENGINE.compress(content);
        damaged[damaged.length - 1] ^= 1;
        assertArrayEquals(content, stepped(damaged, content, 4096));
        assertThrows(CorruptInputException.class, () -> ENGINE.decompress(damaged));
    }

    @Test
    void anOutputOfAnotherSizeThanTheFrameDeclaresIsRefused() {
        byte[] frame = ENGINE.compress(TestData.text(10_000, 8));
        for (int size : new int[] {0, 9_999, 10_001}) {
            CorruptInputException e = assertThrows(CorruptInputException.class,
                    () -> ENGINE.decompressUnchecked(frame, 0, frame.length, new byte[size], 4096, n -> { }));
            assertEquals("frame declares 10000 bytes, " + size + " were expected (at offset 0)", e.getMessage());
        }
        assertThrows(IllegalArgumentException.class,
                () -> ENGINE.decompressUnchecked(frame, 0, frame.length, new byte[10_000], 0, n -> { }));
    }

    @Test
    void truncationsAndGarbageAreRefused() {
        byte[] content = TestData.text(20_000, 31);
        byte[] frame = ENGINE.compress(content);
        for (int cut = 0; cut < frame.length; cut++) {
            byte[] truncated = Arrays.copyOf(frame, cut);
            assertThrows(CorruptInputException.class,
                    () -> ENGINE.decompressUnchecked(truncated, 0, truncated.length, new byte[content.length], 1000,
                            n -> { }),
                    "truncation to " + cut);
        }
        SplittableRandom rnd = new SplittableRandom(51);
        for (int trial = 0; trial < 1000; trial++) {
            byte[] garbage = TestData.random(rnd.nextInt(64), trial);
            if (trial % 2 == 0 && garbage.length >= 8) {
                System.arraycopy(frame, 0, garbage, 0, 8); // a real header in front of garbage
            }
            assertThrows(CorruptInputException.class,
                    () -> ENGINE.decompressUnchecked(garbage, 0, garbage.length, new byte[content.length], 1000,
                            n -> { }));
        }
    }

    /** Every single-byte flip: refused, or decoded in steps to exactly what the one-call unchecked decode gives. */
    @Test
    void everyFlipGivesTheOneCallAnswer() {
        byte[] content = TestData.random(3000, 7);
        byte[] frame = ENGINE.compress(content);
        for (int at = 0; at < frame.length; at++) {
            byte[] damaged = frame.clone();
            damaged[at] ^= (byte) 0xFF;
            byte[] oneCall;
            try {
                oneCall = ENGINE.decompressUnchecked(damaged);
            } catch (CorruptInputException refused) {
                assertThrows(CorruptInputException.class,
                        () -> ENGINE.decompressUnchecked(damaged, 0, damaged.length, new byte[content.length], 500,
                                n -> { }));
                continue;
            }
            byte[] out = new byte[oneCall.length];
            ENGINE.decompressUnchecked(damaged, 0, damaged.length, out, 500, n -> { });
            assertArrayEquals(oneCall, out, "flip at " + at);
        }
    }
}
