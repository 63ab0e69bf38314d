package io.harmony4.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.harmony4.engine.TestData;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The API with the native core serving (the test profile's default). */
@QuarkusTest
public class ApiCoreTest extends ApiContract {
    @Override
    protected String engineId() {
        return "h4-core";
    }

    @Test
    void levelParameterPicksTheZstdLevel() {
        for (int level : new int[] {1, 19}) {
            byte[] container = Api.compressOk(TestData.text(30_000, level), "?level=" + level);
            given().contentType(Api.H4MK).body(container).when().post("/v1/inspect").then().statusCode(200)
                    .body("codecs[0].level", equalTo(level));
        }
        Api.compress(new byte[10], "?level=99").then().statusCode(400).contentType(Api.PROBLEM)
                .body("parameter", equalTo("level"))
                .body("detail", containsString("outside the core's range"));
    }
}
