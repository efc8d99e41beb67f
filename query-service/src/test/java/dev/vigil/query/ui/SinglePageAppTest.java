package dev.vigil.query.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
                "/logs", "/access-logs", "/metrics", "/cluster", "/dashboards", "/dashboards/golden-signals", "/alerting", "/access"}) {
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
                .body(not(containsString("<div id=\"root\">")))
                .body("error", equalTo("not_found"))
                .body("message", equalTo("no endpoint GET /api/v1/no-such-endpoint"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("openapi"));
    }

    @Test
    void sendsTheAppsScriptsCompressed() {
        String page = given().get("/").then().statusCode(200).extract().asString();
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(page);
        assertThat(script.find()).as("the page names its script").isTrue();
        given().header("Accept-Encoding", "gzip").get(script.group(1)).then().statusCode(200)
                .header("Content-Encoding", "gzip");
    }

    @Test
    void doesNotTurnAMissingAssetIntoThePage() {
        given().get("/services/cart.js").then().statusCode(404);
        given().get("/assets/no-such-file.js").then().statusCode(404);
    }
}
