package io.harmony4.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.engine.Messages;
import io.harmony4.engine.TestEngines;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Messages with the reference engine serving: its own frames, and a clear problem for anything that needs a
 * dictionary, while the store can still be read.
 */
@QuarkusTest
@TestProfile(ApiReferenceTest.ReferenceEngine.class)
class ApiMessagesReferenceTest {
    @Test
    void messagesAreTheReferenceEnginesOwnFrames() {
        byte[] message = Messages.message(new Random(201));
        byte[] frame = ApiMessagesTest.compress(message, "").then().statusCode(200).contentType(Api.OCTETS)
                .header(Responses.ENGINE_HEADER, containsString("geometric-reference/"))
                .header(Responses.SHA256_HEADER, equalTo(Api.sha256(message)))
                .header(MessageResource.DICTIONARY_HEADER, equalTo("none"))
                .extract().asByteArray();
        assertFalse(Arrays.equals(new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD}, Arrays.copyOf(frame, 4)),
                "not a zstd frame");
        assertArrayEquals(message, ApiMessagesTest.decompress(frame, "").then().statusCode(200)
                .header(MessageResource.REPR_DIGEST_HEADER, equalTo(ApiMessagesTest.reprDigest(message)))
                .extract().asByteArray());
        ApiMessagesTest.problem(ApiMessagesTest.decompress(Arrays.copyOf(frame, frame.length - 3), ""), 400,
                "corrupt-message");
    }

    @Test
    void aFrameDeclaringMoreThanAMessageMayHoldIsRefusedBeforeDecoding() {
        int limit = 1 << 20;
        // runs of zeros: 7,844 (delta, run) pairs that declare, and do decode to, 2,000,000 bytes
        byte[] bomb = TestEngines.reference().compress(new byte[2_000_000]);
        assertTrue(bomb.length < 16 * 1024, "a small frame: " + bomb.length);
        ApiMessagesTest.problem(ApiMessagesTest.decompress(bomb, ""), 413, "message-too-large");
        ApiMessagesTest.decompress(bomb, "").then().body("allowed", equalTo(limit))
                .body("detail", containsString("declares 2000000 bytes"))
                .body("detail", containsString("/v1/decompress"));
        // one byte over the limit is refused; the limit itself decodes
        ApiMessagesTest.problem(ApiMessagesTest.decompress(TestEngines.reference().compress(new byte[limit + 1]), ""),
                413, "message-too-large");
        assertArrayEquals(new byte[limit], ApiMessagesTest.decompress(TestEngines.reference().compress(
                new byte[limit]), "").then().statusCode(200).extract().asByteArray());
    }

    @Test
    void dictionariesGetAProblemNamingTheEngine() {
        byte[] message = Messages.message(new Random(202));
        ApiMessagesTest.problem(ApiMessagesTest.samples(Messages.messages(400, 203)).when()
                .post("/v1/dictionaries"), 503, "dictionaries-unsupported");
        byte[] raw = ApiMessagesTest.rawContentDictionary(204);
        String id = Api.sha256(raw);
        ApiMessagesTest.problem(given().contentType(Api.OCTETS).body(raw).when().put("/v1/dictionaries/" + id), 503,
                "dictionaries-unsupported");
        ApiMessagesTest.problem(ApiMessagesTest.compress(message, "?dictionary=" + id), 503,
                "dictionaries-unsupported");
        ApiMessagesTest.compress(message, "?dictionary=" + id).then().body("engine", equalTo("geometric-reference"))
                .body("detail", containsString("native core"));
        given().when().get("/v1/dictionaries").then().statusCode(200);
    }
}
