package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A core that passes its self-test and then misbehaves under traffic (the latent fault-injected test libraries:
 * damaged output, a wrong size, an error, on content that starts with "H4FAULT!") must fail the call with an
 * {@link EngineFailureException}; it must never hand back bytes that are not the answer.
 */
class CoreEngineFaultTest {
    static final byte[] MARK = "H4FAULT!".getBytes(StandardCharsets.US_ASCII);

    /** Content the latent faults strike: the marker, then text-like bytes. */
    static byte[] struck(int size) {
        byte[] data = TestData.text(size, 77);
        System.arraycopy(MARK, 0, data, 0, MARK.length);
        return data;
    }

    /** A frame the real core makes of content the latent faults strike when it is decoded. */
    static byte[] realFrameOfStruckContent() {
        try (CoreEngine real = CoreEngine.load(NativeLibs.core(), 3)) {
            return real.compress(struck(50_000));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "size", "error"})
    void faultyCompressionFailsTheCall(String fault) {
        try (CoreEngine faulty = CoreEngine.load(NativeLibs.testLibrary("latent-" + fault), 3)) {
            EngineSelfTest.run(faulty); // the fault is latent: the start-up check cannot see it
            byte[] plain = TestData.text(50_000, 78);
            assertArrayEquals(plain, faulty.decompress(faulty.compress(plain)));
            assertThrows(EngineFailureException.class, () -> faulty.compress(struck(50_000)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "size", "error"})
    void faultyDecompressionFailsTheCall(String fault) {
        byte[] frame = realFrameOfStruckContent();
        try (CoreEngine faulty = CoreEngine.load(NativeLibs.testLibrary("latent-" + fault), 3)) {
            assertThrows(EngineFailureException.class, () -> faulty.decompress(frame));
        }
    }

    /**
     * The compression check decodes without the checksum and compares byte for byte. Incompressible content is
     * stored raw, so the damaged frame still decodes, to other bytes: the comparison, not a checksum, catches it.
     */
    @Test
    void theCompressionCheckComparesTheBytes() {
        byte[] content = TestData.random(50_000, 79);
        System.arraycopy(MARK, 0, content, 0, MARK.length);
        try (CoreEngine faulty = CoreEngine.load(NativeLibs.testLibrary("latent-garbage"), 3)) {
            EngineFailureException e = assertThrows(EngineFailureException.class, () -> faulty.compress(content));
            assertEquals("core made a frame that decodes to other bytes than its input", e.getMessage());
        }
    }

    /** Unchecked, sizes and errors of the core are still checked; only the content is left to the caller's digest. */
    @ParameterizedTest
    @ValueSource(strings = {"size", "error"})
    void faultyUncheckedDecompressionFailsTheCall(String fault) {
        byte[] frame = realFrameOfStruckContent();
        try (CoreEngine faulty = CoreEngine.load(NativeLibs.testLibrary("latent-" + fault), 3)) {
            assertThrows(EngineFailureException.class, () -> faulty.decompressUnchecked(frame));
            byte[] out = new byte[50_000];
            assertThrows(EngineFailureException.class,
                    () -> faulty.decompressUnchecked(frame, 0, frame.length, out, 4096, n -> { }));
        }
    }

    /** A size estimate keeps no output, so it skips the round-trip check that compress makes; sizes are the same. */
    @Test
    void theSizeEstimateIsCompressWithoutItsCheck() {
        byte[] plain = TestData.text(50_000, 80);
        try (CoreEngine faulty = CoreEngine.load(NativeLibs.testLibrary("latent-garbage"), 3)) {
            assertEquals(faulty.compress(plain).length, faulty.compressedSize(plain));
            assertThrows(EngineFailureException.class, () -> faulty.compress(struck(50_000)));
            assertTrue(faulty.compressedSize(struck(50_000)) > 0); // no check, so no failure: nothing is kept
        }
    }

    /** In steps, a damaged byte comes in the last step's bytes: the caller's digest sees it, as unchecked's would. */
    @Test
    void faultySteppedDecompressionHandsTheDamageToTheDigest() {
        byte[] frame = realFrameOfStruckContent();
        try (CoreEngine faulty = CoreEngine.load(NativeLibs.testLibrary("latent-garbage"), 3)) {
            byte[] out = new byte[50_000];
            faulty.decompressUnchecked(frame, 0, frame.length, out, 4096, n -> { });
            byte[] content = struck(50_000);
            int differences = 0;
            for (int i = 0; i < content.length; i++) {
                differences += content[i] != out[i] ? 1 : 0;
            }
            assertEquals(1, differences);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 9, 4096, 1 << 20})
    void damagedFramesAreCaughtWithoutTheCompressionCheckToo(int size) {
        // with verifyCompression off, the damaged frame leaves the engine; the real core's decoder refuses it
        byte[] frame;
        try (CoreEngine faulty = CoreEngine.load(NativeLibs.testLibrary("latent-garbage"), 3, false)) {
            frame = faulty.compress(struck(size));
        }
        try (CoreEngine real = CoreEngine.load(NativeLibs.core(), 3)) {
            assertThrows(CorruptInputException.class, () -> real.decompress(frame));
        }
    }
}
