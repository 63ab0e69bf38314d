package io.harmony4.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.harmony4.container.TestContainers;
import io.harmony4.engine.NativeLibs;
import io.harmony4.engine.TestData;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The service on a core with a latent fault (it passes the start-up self-test, then misbehaves on content that
 * starts with "H4FAULT!"): every request the fault touches is a 500 engine-failure problem, never a 200 with
 * wrong bytes; requests it does not touch are answered exactly. One subclass per fault.
 */
abstract class ApiFaultContract {
    private static final int BLOCK = 4096;

    /** Serves with {@code test/libh4-latent-FAULT.so}, the fault the subclass names. */
    abstract static class LatentFault implements QuarkusTestProfile {
        abstract String fault();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("harmony4.engine", "core",
                    "harmony4.core.path", NativeLibs.testLibrary("latent-" + fault()).toString());
        }
    }

    /** 5 blocks; only the first starts with the marker. */
    private static byte[] struck() {
        byte[] data = TestData.text(5 * BLOCK, 91);
        System.arraycopy("H4FAULT!".getBytes(StandardCharsets.US_ASCII), 0, data, 0, 8);
        return data;
    }

    private static void engineFailure(ValidatableResponse response, String endpoint) {
        response.statusCode(500).contentType(Api.PROBLEM)
                .body("type", equalTo("urn:harmony4:problem:engine-failure"))
                .body("instance", equalTo(endpoint))
                .body(not(containsString("Exception")))
                .body(not(containsString(".so")));
    }

    @Test
    void compressingStruckContentFails() {
        engineFailure(Api.compress(struck(), "?blockSize=" + BLOCK).then(), "/v1/compress");
    }

    /**
     * Whether the fault is a decoder that returns other bytes than its frame holds. A whole decode sees that only as
     * a block whose SHA-256 does not match, once the block's bytes are gone, so it cannot blame the engine: a 400
     * that names the block. A range read decodes the block again with the engine's own checks and can: a 500.
     */
    boolean decoderReturnsWrongBytes() {
        return false;
    }

    @Test
    void decodingStruckContentFailsWholeAndByRange() {
        byte[] container = TestContainers.write(struck(), BLOCK); // made by the real core in the test JVM
        engineFailure(Api.decompress(container, "?offset=10&length=100").then(), "/v1/decompress");
        for (String endpoint : new String[] {"/v1/decompress", "/v1/verify"}) {
            ValidatableResponse whole = given().contentType(Api.H4MK).body(container).when().post(endpoint).then();
            if (decoderReturnsWrongBytes()) {
                whole.statusCode(400).contentType(Api.PROBLEM)
                        .body("type", equalTo("urn:harmony4:problem:corrupt-container"))
                        .body("detail", containsString("block 0"))
                        .body("detail", containsString("the engine that decoded it"));
            } else {
                engineFailure(whole, endpoint);
            }
        }
    }

    @Test
    void contentTheFaultDoesNotTouchIsServedExactly() {
        byte[] data = struck();
        byte[] container = TestContainers.write(data, BLOCK);
        byte[] range = Api.decompress(container, "?offset=" + 2 * BLOCK + "&length=" + BLOCK).then().statusCode(200)
                .extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(data, 2 * BLOCK, 3 * BLOCK), range);
        byte[] plain = TestData.text(30_000, 92);
        assertArrayEquals(plain, Api.decompress(Api.compressOk(plain, ""), "").then().statusCode(200)
                .extract().asByteArray());
    }
}
