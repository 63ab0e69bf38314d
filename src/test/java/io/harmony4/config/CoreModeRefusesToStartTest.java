package io.harmony4.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code harmony4.engine=core} with a core that cannot load: the application must not start, and must say why. */
@QuarkusMainTest
@TestProfile(CoreModeRefusesToStartTest.BrokenCore.class)
class CoreModeRefusesToStartTest {
    public static class BrokenCore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("harmony4.engine", "core", "harmony4.core.path", "target/native/test/libh4-wrong-abi.so");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void startFailsWithTheReason(LaunchResult result) {
        assertEquals(1, result.exitCode());
        String output = result.getOutput() + result.getErrorOutput();
        assertTrue(output.contains("harmony4.engine=core but the core cannot be used: core ABI version 99"), output);
    }
}
