package dev.vigil.alert.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.devstack.testing.DevStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every failure alert-service answers, the framework's own and its faults included, in the one error body. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class ErrorAnswersTest {

    @Test
    void answersAnUnknownPathWith404InTheErrorBody() {
        JsonPath error = given().get("/api/v1/no-such-endpoint").then().statusCode(404)
                .contentType(ContentType.JSON).extract().jsonPath();

        assertThat(error.getString("error")).isEqualTo("not_found");
        assertThat(error.getString("message")).isEqualTo("no endpoint GET /api/v1/no-such-endpoint");
        assertThat(error.getMap("")).containsOnlyKeys("error", "message");
    }

    @Test
    void answersAWrongMethodWith405AndAWrongMediaTypeWith415() {
        JsonPath method = given().contentType(ContentType.JSON).body("{}").patch("/api/v1/rules")
                .then().statusCode(405).contentType(ContentType.JSON).extract().jsonPath();
        assertThat(method.getString("error")).isEqualTo("method_not_allowed");
        assertThat(method.getString("message")).isEqualTo("PATCH is not allowed on /api/v1/rules");

        JsonPath media = given().contentType(ContentType.TEXT).body("name=x").post("/api/v1/rules")
                .then().statusCode(415).contentType(ContentType.JSON).extract().jsonPath();
        assertThat(media.getString("error")).isEqualTo("unsupported_media_type");
        assertThat(media.getString("message")).startsWith("content type text/plain").endsWith("POST /api/v1/rules");
    }

    @Test
    void answersANumberOutOfRangeWith400NamingTheField() {
        JsonPath error = given().contentType(ContentType.JSON)
                .body(Map.of("name", "too big", "kind", "absence", "intervalSeconds", 99_999_999_999L))
                .post("/api/v1/rules").then().statusCode(400).contentType(ContentType.JSON).extract().jsonPath();

        assertThat(error.getString("error")).isEqualTo("invalid_argument");
        assertThat(error.<String, String>getMap("fields")).containsOnlyKeys("intervalSeconds");
        assertThat(error.getString("fields.intervalSeconds")).startsWith("is out of range");
        assertThat(error.getString("message")).startsWith("intervalSeconds is out of range")
                .doesNotContain("Numeric value").doesNotContain("jackson");
    }

    @Test
    void answersAFaultWith500AndACorrelationIdButNoExceptionText() {
        for (String path : new String[] {"/test/faults/thrown", "/test/faults/reactive"}) {
            Response response = given().get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(500);
            assertThat(response.contentType()).as(path).startsWith("application/json");
            JsonPath error = response.jsonPath();
            assertThat(error.getString("error")).isEqualTo("internal");
            assertThat(error.getString("message")).isEqualTo("internal error");
            assertThat(error.getString("correlationId")).matches("[0-9a-f]{16}");
            assertThat(response.asString()).doesNotContain("hunter2").doesNotContain("Exception")
                    .doesNotContain("dev.vigil");
        }
    }
}
