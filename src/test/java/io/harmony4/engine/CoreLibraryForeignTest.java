package io.harmony4.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * A runtime without FFM (GraalVM's native image built without it) must make the core unavailable, with a reason,
 * so that {@code auto} mode serves with the reference engine instead of failing to start.
 */
class CoreLibraryForeignTest {
    /** GraalVM's UnsupportedFeatureError is an Error of its own, not a LinkageError. */
    private static final class UnsupportedFeatureError extends Error {
        UnsupportedFeatureError(String message) {
            super(message);
        }
    }

    @Test
    void unsupportedOperationMakesTheCoreUnavailable() {
        CoreUnavailableException e = assertThrows(CoreUnavailableException.class,
                () -> CoreLibrary.foreign("link native code", () -> {
                    throw new UnsupportedOperationException("no FFM here");
                }));
        assertEquals("this runtime cannot link native code through FFM (UnsupportedOperationException)",
                e.getMessage());
    }

    @Test
    void errorsOfTheRuntimeMakeTheCoreUnavailable() {
        for (Error error : new Error[] {new UnsupportedFeatureError("foreign"), new UnsatisfiedLinkError("x")}) {
            CoreUnavailableException e = assertThrows(CoreUnavailableException.class,
                    () -> CoreLibrary.foreign("link h4_info", () -> {
                        throw error;
                    }));
            assertSame(error, e.getCause());
        }
    }

    @Test
    void virtualMachineErrorsAreNotSwallowed() {
        OutOfMemoryError oom = new OutOfMemoryError("test");
        assertSame(oom, assertThrows(OutOfMemoryError.class, () -> CoreLibrary.foreign("x", () -> {
            throw oom;
        })));
    }

    @Test
    void aSupportedCallReturnsItsValue() {
        assertEquals("ok", CoreLibrary.foreign("x", () -> "ok"));
    }
}
