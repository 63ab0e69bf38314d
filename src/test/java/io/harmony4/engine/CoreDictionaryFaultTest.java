package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An engine bound to a dictionary keeps the core engine's checks: a core whose dictionary calls misbehave under
 * traffic (the latent fault-injected libraries: damaged output, a wrong size, an error, on content that starts with
 * "H4FAULT!") fails the call with an {@link EngineFailureException}, never hands back other bytes. With a dictionary
 * the round-trip check after compression is the core's ({@code h4_compress_dict_verified}, ABI 7).
 */
class CoreDictionaryFaultTest {
    private static final List<byte[]> SAMPLES = Messages.messages(300, 1);

    /** A message the latent faults strike: the marker, then a record like the samples. */
    private static byte[] struck() {
        byte[] message = Messages.messages(1, 2).getFirst();
        byte[] struck = new byte[CoreEngineFaultTest.MARK.length + message.length];
        System.arraycopy(CoreEngineFaultTest.MARK, 0, struck, 0, CoreEngineFaultTest.MARK.length);
        System.arraycopy(message, 0, struck, CoreEngineFaultTest.MARK.length, message.length);
        return struck;
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "size", "error"})
    void faultyCompressionWithADictionaryFailsTheCall(String fault) {
        try (CoreEngine faulty = CoreEngine.load(NativeLibs.testLibrary("latent-" + fault), 3);
                CoreDictionary dictionary = faulty.dictionary(faulty.trainDictionary(SAMPLES, 4096))) {
            CompressionEngine bound = faulty.withDictionary(dictionary);
            byte[] plain = Messages.messages(1, 3).getFirst();
            assertArrayEquals(plain, bound.decompress(bound.compress(plain)), "the fault is latent");
            EngineFailureException e = assertThrows(EngineFailureException.class, () -> bound.compress(struck()));
            // a damaged frame or a size the core cannot have written: caught by the core's own check, in the call
            String expected = fault.equals("error") ? "H4_E_GENERIC" : "H4_E_ROUNDTRIP";
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "size", "error"})
    void faultyDecompressionWithADictionaryFailsTheCall(String fault) {
        byte[] trained;
        byte[] frame;
        try (CoreEngine real = CoreEngine.load(NativeLibs.core(), 3)) {
            trained = real.trainDictionary(SAMPLES, 4096);
            try (CoreDictionary dictionary = real.dictionary(trained)) {
                frame = real.withDictionary(dictionary).compress(struck());
            }
        }
        try (CoreEngine faulty = CoreEngine.load(NativeLibs.testLibrary("latent-" + fault), 3);
                CoreDictionary dictionary = faulty.dictionary(trained)) {
            assertThrows(EngineFailureException.class, () -> faulty.withDictionary(dictionary).decompress(frame));
        }
    }
}
