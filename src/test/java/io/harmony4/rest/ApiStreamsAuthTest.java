package io.harmony4.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.build.Jwt;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Authentication on (ApiAuthTest's profile): a stream's upgrade needs the same bearer JWT as /v1/*. */
@QuarkusTest
@TestProfile(ApiAuthTest.AuthOn.class)
class ApiStreamsAuthTest {
    @Test
    void anUpgradeWithoutAValidTokenIs401() {
        assertEquals(401, StreamClient.refused(ApiStreamsTest.COMPRESS, Map.of()).getStatus());
        assertEquals(401, StreamClient.refused(ApiStreamsTest.DECOMPRESS,
                Map.of("Authorization", "Bearer not-a-jwt")).getStatus());
    }

    @Test
    void aValidTokenOpensAStream() {
        String token = Jwt.issuer("https://issuer.harmony4.test").upn("client@harmony4.test")
                .expiresAt(Instant.now().plusSeconds(300)).sign("auth/test-private-key.pem");
        try (StreamClient client = StreamClient.connect(ApiStreamsTest.COMPRESS,
                Map.of("Authorization", "Bearer " + token))) {
            assertEquals("start", client.text().get("type").asText());
        }
    }
}
