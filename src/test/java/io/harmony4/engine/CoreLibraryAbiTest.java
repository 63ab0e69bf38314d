package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The loader links ABI 8 only: a core of ABI 7 lacks the dictionary decoder that leaves the checksum to the engine,
 * one of ABI 6 lacks the checked compressor with a dictionary, one of ABI 5 trains
 * other dictionaries than {@code zstd --train}, one of ABI 4 lacks the dictionaries, one of ABI 3 the filters too, a
 * future one may mean other things. The library ships with the jar, so nothing older needs to load.
 */
class CoreLibraryAbiTest {
    @Test
    void theBuiltCoreSpeaksAbi8() {
        try (CoreEngine core = CoreEngine.load(NativeLibs.core(), 3)) {
            assertEquals(8, core.info().abiVersion());
        }
    }

    @Test
    void aCoreOfAbi7IsRefused() {
        CoreUnavailableException e = assertThrows(CoreUnavailableException.class,
                () -> CoreEngine.load(NativeLibs.testLibrary("abi7"), 3));
        assertEquals("core ABI version 7 is not the supported 8", e.getMessage());
    }

    @Test
    void aCoreOfAbi6IsRefused() {
        CoreUnavailableException e = assertThrows(CoreUnavailableException.class,
                () -> CoreEngine.load(NativeLibs.testLibrary("abi6"), 3));
        assertEquals("core ABI version 6 is not the supported 8", e.getMessage());
    }

    @Test
    void aCoreOfAbi5IsRefused() {
        CoreUnavailableException e = assertThrows(CoreUnavailableException.class,
                () -> CoreEngine.load(NativeLibs.testLibrary("abi5"), 3));
        assertEquals("core ABI version 5 is not the supported 8", e.getMessage());
    }

    @Test
    void aCoreOfAbi4IsRefused() {
        CoreUnavailableException e = assertThrows(CoreUnavailableException.class,
                () -> CoreEngine.load(NativeLibs.testLibrary("abi4"), 3));
        assertEquals("core ABI version 4 is not the supported 8", e.getMessage());
    }

    @Test
    void aCoreOfAbi3IsRefused() {
        CoreUnavailableException e = assertThrows(CoreUnavailableException.class,
                () -> CoreEngine.load(NativeLibs.testLibrary("abi3"), 3));
        assertEquals("core ABI version 3 is not the supported 8", e.getMessage());
    }

    @Test
    void aCoreOfAFutureAbiIsRefused() {
        CoreUnavailableException e = assertThrows(CoreUnavailableException.class,
                () -> CoreEngine.load(NativeLibs.testLibrary("wrong-abi"), 3));
        assertEquals("core ABI version 99 is not the supported 8", e.getMessage());
    }
}
