package io.harmony4.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.container.TestContainers;
import io.harmony4.engine.Messages;
import io.harmony4.engine.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Authentication switched on as an operator would (docs/reliability.md): /v1/* needs a bearer JWT, probes,
 * metrics and the API documentation stay open, and every refusal is a problem that reveals nothing inside.
 */
@QuarkusTest
@TestProfile(ApiAuthTest.AuthOn.class)
class ApiAuthTest {
    private static final String ISSUER = "https://issuer.harmony4.test";

    public static class AuthOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.auth.permission.api.enabled", "true",
                    "mp.jwt.verify.publickey.location", "auth/test-public-key.pem",
                    "mp.jwt.verify.issuer", ISSUER);
        }
    }

    private static String token(String key, String issuer, Instant expires) {
        return Jwt.issuer(issuer).upn("client@harmony4.test").expiresAt(expires).sign(key);
    }

    private static String validToken() {
        return token("auth/test-private-key.pem", ISSUER, Instant.now().plusSeconds(300));
    }

    private static void unauthorized(ValidatableResponse response, String endpoint) {
        response.statusCode(401).contentType(Api.PROBLEM)
                .header("WWW-Authenticate", equalTo("Bearer"))
                .body("type", equalTo("urn:harmony4:problem:unauthorized"))
                .body("instance", equalTo(endpoint))
                .body(not(containsString("Exception")))
                .body(not(containsString("at io.")))
                .body(not(containsString(".pem")))
                .body(not(containsString("smallrye")));
    }

    @Test
    void apiWithoutATokenIs401() {
        unauthorized(Api.compress(TestData.text(100, 1), "").then(), "/v1/compress");
        unauthorized(given().when().get("/v1/engine").then(), "/v1/engine");
        unauthorized(Api.decompress(new byte[20], "").then(), "/v1/decompress");
    }

    @Test
    void tokensThatDoNotVerifyAre401() {
        String[] bad = {
            "not-a-jwt",
            token("auth/other-private-key.pem", ISSUER, Instant.now().plusSeconds(300)), // someone else's key
            token("auth/test-private-key.pem", "https://elsewhere.test", Instant.now().plusSeconds(300)),
            token("auth/test-private-key.pem", ISSUER, Instant.now().minusSeconds(3600)), // expired
        };
        for (String token : bad) {
            unauthorized(given().auth().oauth2(token).contentType(Api.OCTETS).body(new byte[10]).when()
                    .post("/v1/compress").then(), "/v1/compress");
        }
    }

    @Test
    void aValidTokenIsServed() {
        byte[] data = TestData.text(10_000, 2);
        String token = validToken();
        byte[] container = given().auth().oauth2(token).contentType(Api.OCTETS).body(data).when()
                .post("/v1/compress").then().statusCode(200).extract().asByteArray();
        given().auth().oauth2(token).contentType(Api.H4MK).body(container).when().post("/v1/decompress").then()
                .statusCode(200).header(Responses.ROOT_HEADER, equalTo(TestContainers.root(data, 1 << 20)));
        // errors behind the gate are the usual problems
        given().auth().oauth2(token).contentType(Api.H4MK).body(new byte[20]).when().post("/v1/decompress").then()
                .statusCode(400).body("type", equalTo("urn:harmony4:problem:corrupt-container"));
    }

    /**
     * A chunked training upload is read by a body handler before the REST layer sees it: without a valid token it is
     * refused before that, while the client is still sending, as one that declares its length; with one it trains.
     */
    @Test
    void aChunkedTrainingUploadWithoutAValidTokenIs401BeforeItEnds() throws IOException, InterruptedException {
        String form = "Content-Type: multipart/form-data; boundary=xyz\r\n";
        for (String authorization : new String[] {"", "Authorization: Bearer not-a-jwt\r\n"}) {
            RawHttp.Answer answer = RawHttp.whileTheChunkedBodyIsSent("/v1/dictionaries", form + authorization);
            String body = new String(answer.body(), StandardCharsets.UTF_8);
            assertEquals(401, answer.status(), authorization + body);
            assertEquals(Api.PROBLEM, answer.header("Content-Type"));
            assertEquals("Bearer", answer.header("WWW-Authenticate"));
            assertTrue(body.contains("urn:harmony4:problem:unauthorized"), body);
        }
        // RestAssured sends multipart chunked
        ApiMessagesTest.samples(Messages.messages(400, 71)).auth().oauth2(validToken()).when()
                .post("/v1/dictionaries?size=1024").then().statusCode(201);
    }

    @Test
    void probesMetricsAndDocumentationNeedNoToken() {
        for (String path : new String[] {"/q/health/live", "/q/health/ready", "/q/health/started", "/q/metrics",
                "/q/openapi"}) {
            given().when().get(path).then().statusCode(200);
        }
    }

    @Test
    void openApiDocumentRequiresTheBearerSchemeForTheApi() {
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.bearer.type", equalTo("http"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("security[0].bearer", org.hamcrest.Matchers.empty());
    }
}
