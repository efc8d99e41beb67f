package dev.vigil.alert.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.devstack.testing.DevStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The dashboards Vigil ships, against the real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class ShippedDashboardsTest {

    /** The service under test evaluates every enabled rule at once: the tables they read should exist first. */
    @BeforeAll
    static void createTheTelemetryTables() {
        dev.vigil.alert.notify.Telemetry.ingest();
    }

    @Inject
    ShippedDashboards shipped;

    @Test
    void everyDashboardFileIsShippedAndValid() throws IOException {
        List<String> files;
        try (Stream<Path> dir = Files.list(Path.of("src/main/resources/dashboards"))) {
            files = dir.map(p -> p.getFileName().toString().replaceFirst("\\.json$", "")).sorted().toList();
        }

        assertThat(ShippedDashboards.UIDS).containsExactlyInAnyOrderElementsOf(files);
        for (String uid : ShippedDashboards.UIDS) {
            JsonNode document = shipped.read(uid);
            assertThat(DashboardValidator.problems(document, "")).as(uid).isEmpty();
            assertThat(document.get("panels")).as(uid).isNotEmpty();
        }
    }

    @Test
    void eachShippedDashboardIsInPlaceAfterStartFromVigil() {
        for (String uid : ShippedDashboards.UIDS) {
            JsonPath first = given().get("/api/v1/dashboards/{uid}/versions/1", uid).then().statusCode(200).extract()
                    .jsonPath();
            assertThat(first.getString("author")).as(uid).isEqualTo("vigil");
            assertThat(first.getString("message")).as(uid).isEqualTo("shipped with Vigil");
            assertThat(first.getString("dashboard.title")).as(uid).isEqualTo(shipped.read(uid).get("title").asText());
        }
    }

    @Test
    void aShippedDashboardPeopleEditedIsNotOverwrittenAtTheNextStart() {
        String uid = "golden-signals";
        JsonPath current = given().get("/api/v1/dashboards/{uid}", uid).then().statusCode(200).extract().jsonPath();
        int version = current.getInt("version");
        ObjectNode edited = (ObjectNode) shipped.read(uid).deepCopy();
        edited.put("title", "Golden signals, our way");
        given().contentType(ContentType.JSON).body(Map.of("version", version, "dashboard", edited))
                .put("/api/v1/dashboards/{uid}", uid).then().statusCode(200);

        List<String> placed = shipped.putInPlace();

        JsonPath after = given().get("/api/v1/dashboards/{uid}", uid).then().statusCode(200).extract().jsonPath();
        assertThat(placed).doesNotContain(uid);
        assertThat(after.getInt("version")).isEqualTo(version + 1);
        assertThat(after.getString("dashboard.title")).isEqualTo("Golden signals, our way");
        // Leave the shipped title for whoever reads it next.
        given().contentType(ContentType.JSON).body(Map.of("version", version + 1, "dashboard", shipped.read(uid)))
                .put("/api/v1/dashboards/{uid}", uid).then().statusCode(200);
    }

    @Test
    void aDeletedShippedDashboardIsPutBackOnceAtTheNextStart() {
        String uid = "kubernetes-cluster";
        given().delete("/api/v1/dashboards/{uid}", uid).then().statusCode(204);

        assertThat(shipped.putInPlace()).containsExactly(uid);
        assertThat(shipped.putInPlace()).isEmpty();

        JsonPath versions = given().get("/api/v1/dashboards/{uid}/versions", uid).then().statusCode(200).extract().jsonPath();
        assertThat(versions.<Integer>getList("version")).containsExactly(1);
        assertThat(versions.getString("[0].author")).isEqualTo("vigil");
    }
}
