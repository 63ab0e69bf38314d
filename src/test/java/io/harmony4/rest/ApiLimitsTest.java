package io.harmony4.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.harmony4.engine.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.ByteArrayInputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Limits answer 413 or 422 problems before the work is done. */
@QuarkusTest
@TestProfile(ApiLimitsTest.SmallLimits.class)
public class ApiLimitsTest {
    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("harmony4.limits.max-request-size", "2M",
                    "harmony4.limits.max-content-size", "4M",
                    "harmony4.limits.max-expansion-ratio", "50",
                    "harmony4.limits.max-block-size", "1M",
                    "harmony4.limits.max-block-count", "64");
        }
    }

    @Test
    void bodyAboveTheLimitIs413WithContentLength() {
        Api.compress(new byte[3 << 20], "").then().statusCode(413).contentType(Api.PROBLEM)
                .body("type", equalTo("urn:harmony4:problem:body-too-large"))
                .body("allowed", equalTo(2 << 20));
    }

    @Test
    void chunkedBodyAboveTheLimitIs413WhileStreaming() {
        given().contentType(Api.OCTETS).body(new ByteArrayInputStream(new byte[3 << 20])).when()
                .post("/v1/compress").then().statusCode(413).contentType(Api.PROBLEM)
                .body("type", equalTo("urn:harmony4:problem:body-too-large"));
    }

    @Test
    void decompressedSizeAboveTheLimitIs422() {
        byte[] container = Api.compressOk(TestData.text(1 << 20, 1), "");
        // 5 MiB of text: compressible 3-4x, so the container is under the request limit but the content is not
        byte[] five = new byte[5 << 20];
        for (int i = 0; i < 5; i++) {
            System.arraycopy(TestData.text(1 << 20, 10 + i), 0, five, i << 20, 1 << 20);
        }
        byte[] fiveContainer = io.harmony4.container.TestContainers.write(five, 1 << 20);
        Api.decompress(fiveContainer, "").then().statusCode(422).contentType(Api.PROBLEM)
                .body("type", equalTo("urn:harmony4:problem:limit-exceeded"))
                .body("limit", equalTo("content size"));
        Api.decompress(container, "").then().statusCode(200);
        Api.decompress(container, "?offset=0&length=10").then().statusCode(200);
    }

    @Test
    void decompressionBombIs422BeforeDecoding() {
        byte[] bomb = io.harmony4.container.TestContainers.write(new byte[2 << 20], 1 << 20);
        for (String endpoint : new String[] {"/v1/decompress", "/v1/verify", "/v1/inspect"}) {
            given().contentType(Api.H4MK).body(bomb).when().post(endpoint).then().statusCode(422)
                    .contentType(Api.PROBLEM)
                    .body("type", equalTo("urn:harmony4:problem:limit-exceeded"))
                    .body("limit", equalTo("expansion ratio"));
        }
        Api.decompress(bomb, "?offset=0&length=1").then().statusCode(422).body("limit", equalTo("expansion ratio"));
    }

    @Test
    void blockSizeAboveTheLimitIsRefused() {
        Api.compress(new byte[100], "?blockSize=2097152").then().statusCode(400)
                .body("parameter", equalTo("blockSize"));
        byte[] container = io.harmony4.container.TestContainers.write(TestData.text(100, 2), 2 << 20);
        Api.decompress(container, "").then().statusCode(422).body("limit", equalTo("block size"));
    }

    @Test
    void blockCountAboveTheLimitIs422() {
        byte[] container = Api.compressOk(TestData.random(100 * 1024, 3), "?blockSize=1024");
        Api.decompress(container, "").then().statusCode(422).body("limit", equalTo("block count"));
    }
}
