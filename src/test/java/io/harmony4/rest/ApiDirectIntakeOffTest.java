package io.harmony4.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;

/** The direct intake switched off: every body through Vert.x, the same answers byte for byte. */
@QuarkusTest
@TestProfile(ApiDirectIntakeOffTest.IntakeOff.class)
public class ApiDirectIntakeOffTest extends DirectIntakeContract {
    public static class IntakeOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bench.echo", "true", "harmony4.limits.max-request-size", "2M",
                    "harmony4.http.direct-intake", "false");
        }
    }

    @Override
    boolean direct() {
        return false;
    }
}
