package io.harmony4.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.harmony4.engine.Messages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Without harmony4.dictionaries.dir (production's default): messages work, dictionaries are a clear problem. */
@QuarkusTest
@TestProfile(ApiMessagesUnconfiguredTest.NoDictionaryDirectory.class)
class ApiMessagesUnconfiguredTest {
    public static class NoDictionaryDirectory implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // an empty value is no value: the Optional setting is unset
            return Map.of("harmony4.dictionaries.dir", "");
        }
    }

    @Test
    void messagesWorkAndDictionaryRequestsSayWhatToConfigure() {
        byte[] message = Messages.message(new Random(301));
        byte[] frame = ApiMessagesTest.compress(message, "").then().statusCode(200).extract().asByteArray();
        assertArrayEquals(message, ApiMessagesTest.decompress(frame, "").then().statusCode(200).extract()
                .asByteArray());

        String id = Api.sha256(new byte[] {3});
        ApiMessagesTest.problem(given().when().get("/v1/dictionaries"), 503, "dictionaries-not-configured");
        ApiMessagesTest.problem(given().when().get("/v1/dictionaries/" + id), 503, "dictionaries-not-configured");
        ApiMessagesTest.problem(ApiMessagesTest.samples(Messages.messages(400, 302)).when()
                .post("/v1/dictionaries"), 503, "dictionaries-not-configured");
        ApiMessagesTest.problem(ApiMessagesTest.compress(message, "?dictionary=" + id), 503,
                "dictionaries-not-configured");
        given().when().get("/v1/dictionaries").then().body("detail", containsString("HARMONY4_DICTIONARIES_DIR"));
    }
}
