package dev.vigil.alert.notify;

import dev.vigil.devstack.testing.RestAssuredCredentials;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;

/** alert-service's REST API as the tests drive it, at {@code base} (the service under test or a packaged one). */
final class AlertApi {

    private final String base;

    AlertApi(String base) {
        this.base = base.replaceAll("/+$", "");
        // The packaged services know the test admin key; RestAssured sends it here as in the @QuarkusTest classes.
        RestAssuredCredentials.sendAdminKeyByDefault();
    }

    long createChannel(Map<String, ?> body) {
        return post("/api/v1/channels", body);
    }

    long createRoute(Map<String, ?> body) {
        return post("/api/v1/routes", body);
    }

    long createRule(Map<String, ?> body) {
        return post("/api/v1/rules", body);
    }

    long createSilence(Map<String, ?> body) {
        return post("/api/v1/silences", body);
    }

    void deleteRule(long id) {
        given().baseUri(base).delete("/api/v1/rules/{id}", id).then().statusCode(204);
    }

    /** A route sending alerts labelled {@code test=<testLabel>} to the channel, grouped by rule and service. */
    long routeFor(String name, long channelId, String testLabel, int groupWait, int groupInterval, int repeatInterval) {
        return createRoute(Map.of("name", name, "channelId", channelId,
                "matchers", List.of(Map.of("label", "test", "op", "=", "value", testLabel)),
                "groupBy", List.of("alertname", "service"),
                "groupWaitSeconds", groupWait, "groupIntervalSeconds", groupInterval,
                "repeatIntervalSeconds", repeatInterval));
    }

    /**
     * An error-rate rule on a service: fires when more than half of its spans in the window fail. No data counts
     * as the condition not holding ({@code noData: ok}): these tests end an episode by letting the spans leave the
     * window.
     */
    long errorRateRule(String name, String service, String testLabel, int intervalSeconds, int forSeconds,
                       int windowSeconds) {
        return errorRateRule(name, service, testLabel, intervalSeconds, forSeconds, windowSeconds, "ok");
    }

    /** The same rule, with what no data means: {@code nodata}, {@code ok} or {@code keep_state}. */
    long errorRateRule(String name, String service, String testLabel, int intervalSeconds, int forSeconds,
                       int windowSeconds, String noData) {
        return createRule(Map.of("name", name, "kind", "error_rate", "noData", noData,
                "spec", Map.of("service", service, "threshold", 0.5, "comparison", ">", "windowSeconds", windowSeconds),
                "intervalSeconds", intervalSeconds, "forSeconds", forSeconds,
                "labels", Map.of("severity", "page", "test", testLabel),
                "annotations", Map.of("summary", "{{ $labels.service }} fails",
                        "description", "{{ $value }} of {{ $labels.service }} requests fail")));
    }

    JsonPath alerts(long ruleId) {
        return given().baseUri(base).queryParam("ruleId", ruleId).get("/api/v1/alerts").then().statusCode(200)
                .extract().jsonPath();
    }

    JsonPath history(long ruleId) {
        return given().baseUri(base).queryParam("ruleId", ruleId).get("/api/v1/alerts/history").then().statusCode(200)
                .extract().jsonPath();
    }

    JsonPath notifications(long channelId) {
        return given().baseUri(base).queryParam("channelId", channelId).get("/api/v1/notifications").then()
                .statusCode(200).extract().jsonPath();
    }

    /** Polls the current alerts of the rule until one is in {@code state}. */
    JsonPath awaitAlertState(long ruleId, String state, Duration within) throws InterruptedException {
        return await(() -> alerts(ruleId), a -> a.getList("state").contains(state), within,
                "rule " + ruleId + " to have a " + state + " alert");
    }

    static JsonPath await(java.util.function.Supplier<JsonPath> read, Predicate<JsonPath> done, Duration within,
                          String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        JsonPath last;
        do {
            last = read.get();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("waited " + within + " for " + what + "; last: " + last.prettify());
    }

    private long post(String path, Map<String, ?> body) {
        return given().baseUri(base).contentType(ContentType.JSON).body(body).post(path).then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }
}
