package io.harmony4.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.harmony4.engine.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.ByteArrayInputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks' echo baseline, switched on: the body comes back byte for byte from memory and from a spool file,
 * under the same request limit as the API. (Off by default: {@link EngineResourceTest#echoIsOffByDefault}.)
 */
@QuarkusTest
@TestProfile(ApiEchoTest.EchoOn.class)
public class ApiEchoTest {
    public static class EchoOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bench.echo", "true",
                    "harmony4.spool.memory-budget", "64K",
                    "harmony4.limits.max-request-size", "2M");
        }
    }

    @Test
    void echoesSmallAndSpooledBodiesByteForByte() {
        for (int size : new int[] {0, 1, 4096, 1 << 20}) {
            byte[] body = TestData.random(size, size + 7);
            byte[] back = given().contentType(Api.OCTETS).body(body).when().post("/bench/echo").then()
                    .statusCode(200).contentType(Api.OCTETS).extract().asByteArray();
            assertArrayEquals(body, back, "echo of " + size + " bytes");
        }
    }

    @Test
    void echoKeepsTheRequestLimit() {
        given().contentType(Api.OCTETS).body(new byte[3 << 20]).when().post("/bench/echo").then()
                .statusCode(413).contentType(Api.PROBLEM)
                .body("type", equalTo("urn:harmony4:problem:body-too-large"));
        given().contentType(Api.OCTETS).body(new ByteArrayInputStream(new byte[3 << 20])).when()
                .post("/bench/echo").then().statusCode(413).contentType(Api.PROBLEM);
    }

    @Test
    void echoIsNotPartOfTheApiDocument() {
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("paths.'/bench/echo'", org.hamcrest.Matchers.nullValue())
                .body("paths.'/v1/compress'", org.hamcrest.Matchers.notNullValue());
    }
}
