package io.harmony4.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.harmony4.container.TestContainers;
import io.harmony4.engine.TestData;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reports of {@code /v1/verify} and {@code /v1/inspect} carry {@code sha256} only for version 1 containers, the
 * one version whose trailer holds the content's SHA-256, and the OpenAPI document says so.
 */
@QuarkusTest
class InspectionResourceTest {
    private static final List<String> REPORTS = List.of("/v1/verify", "/v1/inspect");

    @Test
    void versionTwoAndThreeReportsLeaveSha256Out() {
        byte[] data = TestData.text(20_000, 5);
        byte[] unfiltered = Api.compressOk(data, "?blockSize=4096");
        byte[] filtered = Api.compressOk(data, "?blockSize=4096&filter=shuffle:2");
        for (String report : REPORTS) {
            given().contentType(Api.H4MK).body(unfiltered).when().post(report).then().statusCode(200)
                    .body("formatVersion", equalTo(2))
                    .body("$", not(hasKey("sha256")))
                    .body("root", equalTo(TestContainers.root(data, 4096)));
            given().contentType(Api.H4MK).body(filtered).when().post(report).then().statusCode(200)
                    .body("formatVersion", equalTo(3))
                    .body("$", not(hasKey("sha256")))
                    .body("$", hasKey("root"));
        }
    }

    @Test
    void aVersionOneReportKeepsItsSha256() throws IOException {
        byte[] container = TestContainers.versionOneReferenceText();
        for (String report : REPORTS) {
            given().contentType(Api.H4MK).body(container).when().post(report).then().statusCode(200)
                    .body("formatVersion", equalTo(1))
                    .body("sha256", equalTo(Api.sha256(TestContainers.goldenContent())))
                    .body("root", nullValue());
        }
    }

    @Test
    void theSchemaSaysSha256IsAVersionOneField() {
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("components.schemas.ContainerReport.properties.sha256.description",
                        containsString("version 1 containers only"));
    }
}
