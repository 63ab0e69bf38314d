package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The loader links ABI 3 only: a core of ABI 2 lacks the stepped decoder, a future one may mean other things. */
class CoreLibraryAbiTest {
    @Test
    void theBuiltCoreSpeaksAbi3() {
        try (CoreEngine core = CoreEngine.load(NativeLibs.core(), 3)) {
            assertEquals(3, core.info().abiVersion());
        }
    }

    @Test
    void aCoreOfAbi2IsRefused() {
        CoreUnavailableException e = assertThrows(CoreUnavailableException.class,
                () -> CoreEngine.load(NativeLibs.testLibrary("abi2"), 3));
        assertEquals("core ABI version 2 is not the supported 3", e.getMessage());
    }

    @Test
    void aCoreOfAFutureAbiIsRefused() {
        CoreUnavailableException e = assertThrows(CoreUnavailableException.class,
                () -> CoreEngine.load(NativeLibs.testLibrary("wrong-abi"), 3));
        assertEquals("core ABI version 99 is not the supported 3", e.getMessage());
    }
}
