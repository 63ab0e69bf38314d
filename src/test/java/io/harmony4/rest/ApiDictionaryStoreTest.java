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

    /**
     * A file of the store that cannot be read (here a symbolic link to itself; the same as a file the service may not
     * read, or a disk that fails) is the service's problem, not the client's: a 5xx that names no path, and the
     * listing reports it among the refused files instead of failing whole.
     */
    @Test
    void aFileThatCannotBeReadIsTheServicesProblemAndListedAsRefused() throws Exception {
        String id = Api.sha256(("unreadable " + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII));
        Path dir = Path.of(ConfigProvider.getConfig().getValue("harmony4.dictionaries.dir", String.class));
        given().when().get("/v1/dictionaries").then().statusCode(200); // the service makes its directory
        Path loop = Files.createSymbolicLink(dir.resolve(id), Path.of(id));
        try {
            given().when().get("/v1/dictionaries").then().statusCode(200)
                    .body("refused", hasItem(containsString(id)))
                    .body("dictionaries.id", not(hasItem(id)));
            var get = given().when().get("/v1/dictionaries/" + id);
            ApiMessagesTest.problem(get, 500, "dictionary-store-failure");
            get.then().body("detail", containsString(id))
                    .body("detail", not(containsString(dir.toAbsolutePath().toString())))
                    .body(not(containsString("Exception"))).body(not(containsString("at io.")));
            ApiMessagesTest.problem(ApiMessagesTest.compress(new byte[] {1}, "?dictionary=" + id), 500,
                    "dictionary-store-failure");
        } finally {
            Files.delete(loop);
        }
    }
}
