package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The loader links ABI 4 only: a core of ABI 3 lacks the filters, a future one may mean other things. */
class CoreLibraryAbiTest {
    @Test
    void theBuiltCoreSpeaksAbi4() {
        try (CoreEngine core = CoreEngine.load(NativeLibs.core(), 3)) {
            assertEquals(4, core.info().abiVersion());
        }
    }

    @Test
    void aCoreOfAbi3IsRefused() {
        CoreUnavailableException e = assertThrows(CoreUnavailableException.class,
                () -> CoreEngine.load(NativeLibs.testLibrary("abi3"), 3));
        assertEquals("core ABI version 3 is not the supported 4", e.getMessage());
    }

    @Test
    void aCoreOfAFutureAbiIsRefused() {
        CoreUnavailableException e = assertThrows(CoreUnavailableException.class,
                () -> CoreEngine.load(NativeLibs.testLibrary("wrong-abi"), 3));
        assertEquals("core ABI version 99 is not the supported 4", e.getMessage());
    }
}
