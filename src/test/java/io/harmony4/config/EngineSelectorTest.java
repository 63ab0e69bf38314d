package io.harmony4.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.engine.CoreEngine;
import io.harmony4.engine.CoreUnavailableException;
import io.harmony4.engine.NativeLibs;
import io.harmony4.engine.ReferenceEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The selection rules, with configuration built by SmallRye Config from properties and environment variables. */
class EngineSelectorTest {
    @TempDir
    Path tmp;

    static Harmony4Config config(Map<String, String> properties, Map<String, String> env) {
        return TestConfig.mapping(properties, env);
    }

    static ActiveEngine select(String mode, String path) {
        Map<String, String> props = new HashMap<>();
        props.put("harmony4.engine", mode);
        if (path != null) {
            props.put("harmony4.core.path", path);
        }
        return EngineSelector.select(config(props, Map.of()));
    }

    @Test
    void environmentVariableGivesTheCorePath() {
        String core = NativeLibs.core().toString();
        Harmony4Config config = config(Map.of(), Map.of("HARMONY4_CORE_PATH", core));
        assertEquals(core, config.core().path().orElseThrow());
        ActiveEngine active = EngineSelector.select(config);
        assertEquals("core", active.mode());
        assertEquals(CoreEngine.ID, active.engine().info().id());
        assertTrue(active.fallbackReason().isEmpty());
    }

    @Test
    void configurationGivesTheCorePathAndLevel() {
        ActiveEngine active = EngineSelector.select(config(
                Map.of("harmony4.core.path", NativeLibs.core().toString(), "harmony4.core.level", "7"), Map.of()));
        assertEquals("core", active.mode());
        assertEquals(7, active.engine().info().level());
    }

    @Test
    void defaultsAreAutoAndLevelThree() {
        Harmony4Config config = config(Map.of(), Map.of());
        assertEquals(Harmony4Config.EngineMode.AUTO, config.engine());
        assertEquals(3, config.core().level());
        assertTrue(config.core().path().isEmpty());
    }

    @Test
    void referenceModeIgnoresTheCore() {
        ActiveEngine active = select("reference", NativeLibs.core().toString());
        assertEquals("reference", active.mode());
        assertTrue(active.fallbackReason().isEmpty());
    }

    @Test
    void unsetPathFallsBackInAutoMode() {
        assertFallback(select("auto", null), "is not set");
    }

    @Test
    void missingFileFallsBack() {
        assertFallback(select("auto", tmp.resolve("nope.so").toString()), "no core library file");
    }

    @Test
    void fileThatIsNotASharedObjectFallsBack() throws IOException {
        Path text = Files.writeString(tmp.resolve("libfake.so"), "this is not an ELF file\n");
        assertFallback(select("auto", text.toString()), "not a loadable shared library");
    }

    @Test
    void wrongAbiVersionFallsBack() {
        assertFallback(select("auto", NativeLibs.testLibrary("wrong-abi").toString()), "core ABI version 99");
    }

    @Test
    void missingSymbolFallsBackNamingIt() {
        ActiveEngine active = select("auto", NativeLibs.testLibrary("missing-symbol").toString());
        assertFallback(active, "lacks ABI functions");
        assertTrue(active.fallbackReason().orElseThrow().contains("h4_compress"));
    }

    @Test
    void coreFailingItsSelfTestFallsBack() {
        assertFallback(select("auto", NativeLibs.testLibrary("fault-garbage").toString()), "self-test");
        assertFallback(select("auto", NativeLibs.testLibrary("fault-size").toString()), "self-test");
        assertFallback(select("auto", NativeLibs.testLibrary("fault-error").toString()), "self-test");
    }

    @Test
    void coreModeRefusesWithTheReason() {
        CoreUnavailableException e = assertThrows(CoreUnavailableException.class,
                () -> select("core", NativeLibs.testLibrary("wrong-abi").toString()));
        assertTrue(e.getMessage().contains("harmony4.engine=core"), e.getMessage());
        assertTrue(e.getMessage().contains("core ABI version 99"), e.getMessage());
        assertThrows(CoreUnavailableException.class, () -> select("core", null));
    }

    @Test
    void levelOutsideTheCoreRangeIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> EngineSelector.select(config(
                Map.of("harmony4.core.path", NativeLibs.core().toString(), "harmony4.core.level", "99"), Map.of())));
    }

    private void assertFallback(ActiveEngine active, String reasonPart) {
        assertEquals("reference", active.mode());
        assertEquals(ReferenceEngine.ID, active.engine().info().id());
        String reason = active.fallbackReason().orElseThrow();
        assertTrue(reason.contains(reasonPart), reason);
        assertFalse(reason.contains(tmp.toString()) || reason.contains(NativeLibs.dir().toAbsolutePath().toString()),
                "a fallback reason is public and must not name a path: " + reason);
    }
}
