package io.harmony4.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/** The store's directory as the service sees it: a file that does not hash to its name is refused, then replaced. */
@QuarkusTest
class ApiDictionaryStoreTest {
    @Test
    void aTamperedFileIsRefusedListedAndReplacedByAPut() throws Exception {
        byte[] dictionary = ("raw content " + UUID.randomUUID() + " ".repeat(200)).getBytes(StandardCharsets.US_ASCII);
        String id = Api.sha256(dictionary);
        Path dir = Path.of(ConfigProvider.getConfig().getValue("harmony4.dictionaries.dir", String.class));
        // the service opens (in test mode: makes) its directory on first use; this test may be the first
        given().when().get("/v1/dictionaries").then().statusCode(200);
        byte[] tampered = dictionary.clone();
        tampered[0] ^= 1;
        Files.write(dir.resolve(id), tampered);

        ApiMessagesTest.problem(given().when().get("/v1/dictionaries/" + id), 500, "tampered-dictionary");
        given().when().get("/v1/dictionaries/" + id).then().body("detail", not(containsString(dir.toString())));
        given().when().get("/v1/dictionaries").then().statusCode(200)
                .body("refused", hasItem(containsString(id)))
                .body("dictionaries.id", not(hasItem(id)));
        ApiMessagesTest.problem(ApiMessagesTest.compress(new byte[] {1}, "?dictionary=" + id), 500,
                "tampered-dictionary");

        given().contentType(Api.OCTETS).body(dictionary).when().put("/v1/dictionaries/" + id).then()
                .statusCode(201).body("id", Matchers.equalTo(id));
        assertArrayEquals(dictionary, ApiMessagesTest.dictionary(id));
    }
}
