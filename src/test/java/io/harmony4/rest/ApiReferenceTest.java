package io.harmony4.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The same API suite with the reference engine serving. */
@QuarkusTest
@TestProfile(ApiReferenceTest.ReferenceEngine.class)
public class ApiReferenceTest extends ApiContract {
    public static class ReferenceEngine implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("harmony4.engine", "reference");
        }
    }

    @Override
    protected String engineId() {
        return "geometric-reference";
    }

    @Test
    void levelParameterIsRefusedWithoutLevels() {
        Api.compress(new byte[10], "?level=5").then().statusCode(400).contentType(Api.PROBLEM)
                .body("type", equalTo("urn:harmony4:problem:bad-parameter"))
                .body("detail", containsString("has no compression levels"));
    }
}
