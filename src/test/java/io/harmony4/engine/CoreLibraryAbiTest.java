package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The loader links ABI 2 only: a core of ABI 1 lacks h4_decompress_unchecked, a future one may mean other things. */
class CoreLibraryAbiTest {
    @Test
    void theBuiltCoreSpeaksAbi2() {
        try (CoreEngine core = CoreEngine.load(NativeLibs.core(), 3)) {
            assertEquals(2, core.info().abiVersion());
        }
    }

    @Test
    void aCoreOfAbi1IsRefused() {
        CoreUnavailableException e = assertThrows(CoreUnavailableException.class,
                () -> CoreEngine.load(NativeLibs.testLibrary("abi1"), 3));
        assertEquals("core ABI version 1 is not the supported 2", e.getMessage());
    }

    @Test
    void aCoreOfAFutureAbiIsRefused() {
        CoreUnavailableException e = assertThrows(CoreUnavailableException.class,
                () -> CoreEngine.load(NativeLibs.testLibrary("wrong-abi"), 3));
        assertEquals("core ABI version 99 is not the supported 2", e.getMessage());
    }
}
