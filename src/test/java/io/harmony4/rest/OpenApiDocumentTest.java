package io.harmony4.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.harmony4.service.ContainerService;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document a client generator and a linter read: every operation named, typed and tagged, problems
 * with their schema, the API's licence and server, and no security scheme while authentication is off.
 */
@QuarkusTest
class OpenApiDocumentTest {
    private static JsonPath document() {
        return given().accept("application/json").when().get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
    }

    @Test
    void everyOperationHasItsIdAndADescribedTag() {
        JsonPath doc = document();
        Map<String, String> ids = Map.of("/v1/compress", "post", "/v1/decompress", "post", "/v1/verify", "post",
                "/v1/inspect", "post", "/v1/engine", "get");
        ids.forEach((path, method) -> {
            String op = "paths.'" + path + "'." + method;
            assertEquals(path.substring("/v1/".length()),
                    doc.getString(op + ".operationId"), path);
        });
        List<Map<String, String>> tags = doc.getList("tags");
        assertThat(tags.stream().map(t -> t.get("name")).toList(),
                containsInAnyOrder("containers", "engine", "dictionaries", "messages"));
        assertThat(tags.stream().map(t -> t.get("description")).toList(),
                everyItem(notNullValue()));
        assertThat(doc.getString("info.license.name"), equalTo("Apache-2.0"));
        assertThat(doc.getList("servers.url"), contains("/"));
    }

    @Test
    void queryParametersAreBoundedIntegersAndNoHeaderIsAParameter() {
        given().accept("application/json").when().get("/q/openapi").then()
                .body("paths.'/v1/compress'.post.parameters.find { it.name == 'level' }.schema.type",
                        equalTo("integer"))
                .body("paths.'/v1/compress'.post.parameters.find { it.name == 'blockSize' }.schema.minimum",
                        equalTo(ContainerService.MIN_BLOCK_SIZE))
                .body("paths.'/v1/decompress'.post.parameters.find { it.name == 'offset' }.schema.format",
                        equalTo("int64"))
                .body("paths.'/v1/decompress'.post.parameters.find { it.name == 'length' }.schema.minimum",
                        equalTo(0))
                .body("paths.'/v1/compress'.post.parameters.name", not(hasItem(
                        "Content-Length")));
    }

    @Test
    void problemsHaveTheirSchema() {
        given().accept("application/json").when().get("/q/openapi").then()
                .body("paths.'/v1/decompress'.post.responses.'400'.content.'application/problem+json'.schema.'$ref'",
                        equalTo("#/components/schemas/Problem"))
                .body("components.schemas.Problem.properties.type.type", equalTo("string"));
    }

    @Test
    void theHeadersAndProblemsAnswersCarryAreDocumented() {
        JsonPath doc = document();
        // a range's answer names the engines too, as a whole decode's does
        assertThat(doc.getMap("paths.'/v1/decompress'.post.responses.'200'.headers"), hasKey("Harmony4-Engine"));
        // a chunked training upload that is no form is refused before it is read
        assertThat(doc.getMap("paths.'/v1/dictionaries'.post.responses"), hasKey("415"));
        // the store's failures are the operator's (500), wherever a request reads or writes it
        for (String op : List.of("'/v1/dictionaries'.post", "'/v1/dictionaries'.get", "'/v1/dictionaries/{id}'.get",
                "'/v1/dictionaries/{id}'.put", "'/v1/messages/compress'.post", "'/v1/messages/decompress'.post")) {
            assertThat(op, doc.getString("paths." + op + ".responses.'500'.description"),
                    containsString("dictionary-store-failure"));
        }
    }

    @Test
    void withAuthenticationOffNoSchemeIsDeclaredAndNoneRequired() {
        JsonPath doc = document();
        assertThat(doc.get("components.securitySchemes"), nullValue());
        // One empty requirement: OpenAPI's "no credentials needed".
        assertThat(doc.getList("security"), contains(Map.of()));
    }
}
