package io.harmony4.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar in {@code auto} mode with no core where the configuration points: it falls back to the
 * reference engine, says why in health and {@code /v1/engine}, and serves the whole API.
 */
@QuarkusIntegrationTest
@TestProfile(ApiFallbackIT.CoreAbsent.class)
class ApiFallbackIT extends ApiContract {
    static final String ABSENT_CORE = "/nonexistent/harmony4/libh4core.so";

    public static class CoreAbsent implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // a system property outranks the HARMONY4_CORE_PATH that failsafe sets for the other ITs
            return Map.of("harmony4.core.path", ABSENT_CORE);
        }
    }

    @Override
    protected String engineId() {
        return "geometric-reference";
    }

    @Test
    void healthAndEngineInfoShowTheFallback() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'engine' }.data.mode", equalTo("reference"))
                .body("checks.find { it.name == 'engine' }.data.requested", equalTo("auto"))
                .body("checks.find { it.name == 'engine' }.data.fallbackReason",
                        equalTo("no core library file at the configured path"));
        given().when().get("/v1/engine").then().statusCode(200)
                .body("id", equalTo("geometric-reference"))
                .body("fallbackReason", equalTo("no core library file at the configured path"))
                .body(not(containsString(ABSENT_CORE)));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("harmony4_engine_fallback{engine=\"geometric-reference\",mode=\"reference\"} 1.0"));
    }
}
