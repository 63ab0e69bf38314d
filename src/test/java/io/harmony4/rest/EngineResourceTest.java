package io.harmony4.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.harmony4.engine.CoreEngine;
import io.harmony4.engine.NativeLibs;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** In test mode the core the build just made serves; engine info and readiness say so. */
@QuarkusTest
class EngineResourceTest {
    /** The filter kernel set the built core names, if it names one: the service must show the same. */
    private static String builtCoresKernels() {
        try (CoreEngine core = CoreEngine.load(NativeLibs.core(), CoreEngine.DEFAULT_LEVEL)) {
            return core.info().kernels().orElse(null);
        }
    }

    @Test
    void engineEndpointReportsTheCore() {
        given().when().get("/v1/engine").then()
                .statusCode(200)
                .body("id", equalTo("h4-core"))
                .body("mode", equalTo("core"))
                .body("requested", equalTo("auto"))
                .body("abiVersion", equalTo(8))
                .body("codec", containsString("zstd"))
                .body("level", equalTo(3))
                .body("kernels", equalTo(builtCoresKernels()))
                .body("fallbackReason", nullValue());
    }

    @Test
    void readinessReportsTheEngine() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("engine"))
                .body("checks.find { it.name == 'engine' }.data.id", equalTo("h4-core"))
                .body("checks.find { it.name == 'engine' }.data.mode", equalTo("core"))
                .body("checks.find { it.name == 'engine' }.data.kernels", equalTo(builtCoresKernels()));
    }

    @Test
    void authenticationIsOffByDefault() {
        given().contentType("application/octet-stream").body(new byte[100]).when().post("/v1/compress").then()
                .statusCode(200);
        given().when().get("/v1/engine").then().statusCode(200);
    }

    @Test
    void echoIsOffByDefault() {
        given().contentType("application/octet-stream").body(new byte[10]).when().post("/bench/echo").then()
                .statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:harmony4:problem:not-found"));
    }
}
