package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
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
        byte[] content = struck(50_000);
        byte[] frame;
        try (CoreEngine real = CoreEngine.load(NativeLibs.core(), 3)) {
            frame = real.compress(content);
        }
        try (CoreEngine faulty = CoreEngine.load(NativeLibs.testLibrary("latent-" + fault), 3)) {
            assertThrows(EngineFailureException.class, () -> faulty.decompress(frame));
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
