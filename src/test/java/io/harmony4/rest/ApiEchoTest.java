package io.harmony4.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.harmony4.engine.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks' echo baseline, switched on: the body comes back byte for byte, in one array or several, sent with
 * its length or in chunks, after {@code 100 Continue} when the client waits for it, under the same request limit as
 * the API. (Off by default: {@link EngineResourceTest#echoIsOffByDefault}.)
 */
@QuarkusTest
@TestProfile(ApiEchoTest.EchoOn.class)
public class ApiEchoTest {
    public static class EchoOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bench.echo", "true", "harmony4.limits.max-request-size", "2M");
        }
    }

    @Test
    void echoesBodiesOfOneArrayOrSeveralByteForByte() {
        for (int size : new int[] {0, 1, 4096, 1 << 20, (1 << 20) + 4097}) {
            byte[] body = TestData.random(size, size + 7);
            byte[] back = given().contentType(Api.OCTETS).body(body).when().post("/bench/echo").then()
                    .statusCode(200).contentType(Api.OCTETS).extract().asByteArray();
            assertArrayEquals(body, back, "echo of " + size + " bytes");
        }
    }

    @Test
    void echoesChunkedBodiesAndTellsAClientThatWaitsForContinueToSend() throws Exception {
        byte[] body = TestData.random(3 << 19, 8); // a block and a half
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (boolean chunked : new boolean[] {false, true}) {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                                + "/bench/echo"))
                        .header("Content-Type", Api.OCTETS).expectContinue(true)
                        .timeout(Duration.ofSeconds(20)) // a server that never says continue fails, not hangs
                        .POST(chunked ? BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                                : BodyPublishers.ofByteArray(body))
                        .build();
                HttpResponse<byte[]> response = client.send(request, BodyHandlers.ofByteArray());
                assertEquals(200, response.statusCode());
                assertEquals(String.valueOf(body.length), response.headers().firstValue("Content-Length").orElse(""));
                assertArrayEquals(body, response.body(), chunked ? "chunked" : "with its length");
            }
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
