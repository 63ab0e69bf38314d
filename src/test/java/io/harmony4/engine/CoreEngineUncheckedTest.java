package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * {@link CoreEngine#decompressUnchecked}: {@code decompress} without the content checksum. It decodes every frame
 * {@code decompress} decodes, to the same bytes, and refuses the same truncated and garbage input; only a frame
 * whose checksum does not match its content gets through, which is what the caller's own digest is for.
 */
class CoreEngineUncheckedTest {
    /** Never closed: jqwik's properties run outside JUnit's class lifecycle (as in CoreEngineTest). */
    private static final CoreEngine ENGINE = CoreEngine.load(NativeLibs.core(), CoreEngine.DEFAULT_LEVEL);

    private static List<byte[]> samples() {
        return List.of(new byte[0], new byte[] {42}, TestData.run(300, (byte) 7), TestData.ramp(700),
                TestData.text(3000, 1), TestData.numeric(500, 2), TestData.random(1500, 3), TestData.text(1 << 20, 4),
                TestData.random(1 << 20, 5), new byte[16 << 20]);
    }

    @Test
    void decodesWhatDecompressDecodes() {
        for (byte[] sample : samples()) {
            assertBothDecode(sample);
        }
    }

    @Test
    void decodesTheCorpusAsDecompressDoes() throws IOException {
        Corpus.forEachOrSkip(CoreEngineUncheckedTest::assertBothDecode);
    }

    private static void assertBothDecode(byte[] sample) {
        byte[] frame = ENGINE.compress(sample);
        assertArrayEquals(sample, ENGINE.decompressUnchecked(frame));
        assertArrayEquals(sample, ENGINE.decompress(frame));
    }

    @Property(tries = 200)
    void propertyRoundTrip(@ForAll @Size(max = 5000) byte[] data) {
        assertArrayEquals(data, ENGINE.decompressUnchecked(ENGINE.compress(data)));
    }

    @Test
    void aDamagedChecksumFailsDecompressAndPassesUnchecked() {
        byte[] content = TestData.text(100_000, 6);
        byte[] frame = ENGINE.compress(content);
        for (int at = frame.length - 4; at < frame.length; at++) {
            byte[] damaged = frame.clone();
            damaged[at] ^= 0x01;
            assertThrows(CorruptInputException.class, () -> ENGINE.decompress(damaged));
            assertArrayEquals(content, ENGINE.decompressUnchecked(damaged));
            // the pooled context used unchecked checks again for decompress
            assertThrows(CorruptInputException.class, () -> ENGINE.decompress(damaged));
        }
    }

    @Test
    void everyTruncationFailsBoth() {
        for (byte[] sample : List.of(TestData.text(2000, 31), TestData.run(1000, (byte) 3), TestData.random(300, 32))) {
            byte[] frame = ENGINE.compress(sample);
            for (int cut = 0; cut < frame.length; cut++) {
                assertBothRefuse(Arrays.copyOf(frame, cut), "truncation to " + cut + " of " + frame.length);
            }
        }
    }

    @Test
    void garbageFailsBoth() {
        SplittableRandom rnd = new SplittableRandom(51);
        byte[] valid = ENGINE.compress(TestData.text(500, 52));
        for (int trial = 0; trial < 2000; trial++) {
            int length = rnd.nextInt(64);
            byte[] garbage = TestData.random(length, trial);
            if (trial % 2 == 0 && length >= 8) {
                System.arraycopy(valid, 0, garbage, 0, 8); // a real header in front of garbage
            }
            assertBothRefuse(garbage, "garbage " + trial);
        }
        byte[] trailing = Arrays.copyOf(valid, valid.length + 1);
        assertBothRefuse(trailing, "a byte after the frame");
    }

    /**
     * Damaged content that still decodes: {@code decompress} refuses every such frame, {@code decompressUnchecked}
     * returns what it decodes to. Incompressible content is stored raw, so a flip there changes the output.
     */
    @Test
    void whatUncheckedLetsThroughDecompressRefuses() {
        byte[] content = TestData.random(3000, 7);
        byte[] frame = ENGINE.compress(content);
        int letThrough = 0;
        for (int at = 0; at < frame.length - 4; at++) {
            byte[] damaged = frame.clone();
            damaged[at] ^= (byte) 0xFF;
            byte[] decoded;
            try {
                decoded = ENGINE.decompressUnchecked(damaged);
            } catch (CorruptInputException refused) {
                continue;
            }
            if (!Arrays.equals(content, decoded)) {
                letThrough++;
                assertThrows(CorruptInputException.class, () -> ENGINE.decompress(damaged), "flip at " + at);
            }
        }
        assertTrue(letThrough > 0, "no flip decoded to other bytes: the test checks nothing");
    }

    private static void assertBothRefuse(byte[] input, String what) {
        for (Function<byte[], byte[]> decoder : List.<Function<byte[], byte[]>>of(
                ENGINE::decompress, ENGINE::decompressUnchecked)) {
            assertThrows(CorruptInputException.class, () -> decoder.apply(input), what + " was accepted");
        }
    }
}
