package dev.vigil.query.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The web UI's pages need no telemetry store: these run without one. */
@QuarkusTest
@TestProfile(SinglePageAppTest.WithoutStore.class)
class SinglePageAppTest {

    public static final class WithoutStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of();
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Test
    void servesTheAppAtTheRoot() {
        given().get("/").then().statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("<div id=\"root\">"));
    }

    @Test
    void answersDeepLinksWithTheAppsPage() {
        for (String path : new String[] {"/services", "/services/cart", "/map", "/traces", "/traces/5b8efff798038103d269b633813fc60c",
                "/logs", "/access-logs"}) {
            given().get(path).then().statusCode(200)
                    .contentType(startsWith("text/html"))
                    .header("Cache-Control", "no-cache")
                    .body(containsString("<div id=\"root\">"));
        }
    }

    @Test
    void leavesTheApisAlone() {
        given().get("/api/v1/no-such-endpoint").then().statusCode(404)
                .contentType(startsWith("application/json"))
                .body(not(containsString("<div id=\"root\">")));
        given().get("/q/openapi").then().statusCode(200).body(containsString("openapi"));
    }

    @Test
    void doesNotTurnAMissingAssetIntoThePage() {
        given().get("/services/cart.js").then().statusCode(404);
        given().get("/assets/no-such-file.js").then().statusCode(404);
    }
}
