package io.harmony4.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harmony4.engine.Messages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With {@code harmony4.dictionaries.read-only=true}, as production sets it beside its read-only volume: training and
 * storing are 409 {@code dictionary-store-read-only}, before anything is trained or stored, even for a dictionary the
 * store holds; reading, listing and messages with the volume's dictionaries work. (Tests run as root here, which
 * ignores file permissions, so the setting is how this path is tested over HTTP.)
 */
@QuarkusTest
@TestProfile(ApiDictionaryReadOnlyTest.ReadOnlyStore.class)
class ApiDictionaryReadOnlyTest {
    static final Path DIR = Path.of("target/dictionaries-read-only");
    /** A dictionary placed in the directory as a volume would hold it: a file named by its SHA-256. */
    static final byte[] SHIPPED = ApiMessagesTest.rawContentDictionary(501);

    public static class ReadOnlyStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("harmony4.dictionaries.dir", DIR.toString(), "harmony4.dictionaries.read-only", "true");
        }
    }

    @BeforeAll
    static void shipADictionary() throws IOException {
        Files.createDirectories(DIR);
        Files.write(DIR.resolve(Api.sha256(SHIPPED)), SHIPPED);
    }

    @Test
    void readsAndMessagesWork() {
        String id = Api.sha256(SHIPPED);
        given().when().get("/v1/dictionaries").then().statusCode(200).body("dictionaries.id", hasItem(id));
        assertArrayEquals(SHIPPED, ApiMessagesTest.dictionary(id));
        byte[] message = Messages.message(new Random(502));
        for (String format : new String[] {"zstd", "dcz"}) {
            byte[] compressed = ApiMessagesTest.compress(message, "?dictionary=" + id + "&format=" + format)
                    .then().statusCode(200).extract().asByteArray();
            String named = format.equals("dcz") ? "" : "?dictionary=" + id;
            assertArrayEquals(message, ApiMessagesTest.decompress(compressed, named).then().statusCode(200)
                    .extract().asByteArray());
        }
    }

    @Test
    void putAndTrainAreRefusedSayingWhereDictionariesComeFrom() {
        byte[] other = ApiMessagesTest.rawContentDictionary(503);
        for (byte[] bytes : new byte[][] {other, SHIPPED}) {
            var put = given().contentType(Api.OCTETS).body(bytes).when().put("/v1/dictionaries/" + Api.sha256(bytes));
            ApiMessagesTest.problem(put, 409, "dictionary-store-read-only");
            put.then().body("detail", containsString("harmony4.dictionaries.read-only"))
                    .body("detail", containsString("volume"));
        }
        var trained = ApiMessagesTest.samples(Messages.messages(400, 504)).when().post("/v1/dictionaries");
        ApiMessagesTest.problem(trained, 409, "dictionary-store-read-only");
        trained.then().body("title", equalTo(ProblemType.DICTIONARY_STORE_READ_ONLY.title()));
        given().when().get("/v1/dictionaries/" + Api.sha256(other)).then().statusCode(422);
    }

    /** A chunked training upload is refused before its body is read too, as one that declares its length. */
    @Test
    void aChunkedTrainingUploadIs409BeforeItEnds() throws IOException, InterruptedException {
        RawHttp.Answer answer = RawHttp.whileTheChunkedBodyIsSent("/v1/dictionaries",
                "Content-Type: multipart/form-data; boundary=xyz\r\n");
        String body = new String(answer.body(), StandardCharsets.UTF_8);
        assertEquals(409, answer.status(), body);
        assertEquals(Api.PROBLEM, answer.header("Content-Type"));
        assertTrue(body.contains("urn:harmony4:problem:dictionary-store-read-only"), body);
        assertTrue(body.contains("harmony4.dictionaries.read-only"), body);
    }
}
