package io.harmony4.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** {@code delivery=streamed} with the core engine serving, and how the OpenAPI document describes it. */
@QuarkusTest
public class ApiStreamedDeliveryTest extends StreamedDeliveryContract {

    @Test
    void theOpenApiDocumentNamesBothDeliveriesOnBothEndpoints() {
        for (String path : new String[] {"/v1/compress", "/v1/decompress"}) {
            given().accept("application/json").when().get("/q/openapi").then()
                    .body("paths.'" + path + "'.post.parameters.find { it.name == 'delivery' }.schema.enum",
                            contains("verified", "streamed"))
                    .body("paths.'" + path + "'.post.parameters.find { it.name == 'delivery' }.description",
                            containsString("the answer short"));
        }
    }
}
