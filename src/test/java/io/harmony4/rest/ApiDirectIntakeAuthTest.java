package io.harmony4.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.harmony4.engine.TestData;
import io.harmony4.rest.ingest.IntakeCounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.smallrye.jwt.build.Jwt;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Authentication on: a body refused with 401 before it is read is dropped by the intake as it comes, and the same
 * connection then serves an authenticated request whose body is taken from the socket.
 */
@QuarkusTest
@TestProfile(ApiAuthTest.AuthOn.class)
class ApiDirectIntakeAuthTest {
    @Test
    void aBodyRefusedWith401LeavesTheConnectionReadyForAnAuthenticatedRequest() throws Exception {
        byte[] large = TestData.random(3 << 20, 51); // past what the intake holds before a resource attaches
        byte[] content = TestData.text(200_000, 52);
        String token = Jwt.issuer("https://issuer.harmony4.test").upn("client@harmony4.test")
                .expiresAt(Instant.now().plusSeconds(300)).sign("auth/test-private-key.pem");
        long bodies = IntakeCounts.bodies();
        RawHttp.Answer compressed;
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(60_000);
            assertEquals(401, exchange(socket, "", large).status());
            compressed = exchange(socket, "Authorization: Bearer " + token + "\r\n", content);
            assertEquals(200, compressed.status());
        }
        assertEquals(1, IntakeCounts.bodies() - bodies, "only the authenticated body was taken");
        byte[] back = given().header("Authorization", "Bearer " + token).contentType(Api.H4MK)
                .body(compressed.body()).when().post("/v1/decompress").then().statusCode(200).extract().asByteArray();
        assertArrayEquals(content, back);
        DirectIntakeContract.awaitNoBufferHeld();
    }

    private static RawHttp.Answer exchange(Socket socket, String headers, byte[] body) throws Exception {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(("POST /v1/compress HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + Api.OCTETS
                + "\r\nContent-Length: " + body.length + "\r\n" + headers + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        request.write(body);
        return RawHttp.exchange(socket, request.toByteArray());
    }
}
