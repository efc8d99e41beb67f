package dev.vigil.query.prometheus;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.devstack.testing.DevStackResource;
import dev.vigil.devstack.testing.SharedDevStack;
import dev.vigil.query.ShopFixture;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Prometheus API over the shop's metrics, sent through the real OTLP path and stored in ClickHouse. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class PrometheusApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/prometheus/api/v1/";

    @BeforeAll
    static void storeShop() throws Exception {
        ShopFixture.ensureStored();
    }

    private static String end() {
        return Long.toString(ShopFixture.end().getEpochSecond());
    }

    private static JsonNode ok(Response response) throws Exception {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.asString());
        assertThat(body.get("status").asText()).isEqualTo("success");
        return body.get("data");
    }

    private static double clickHouse(String sql) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                SharedDevStack.get().clickHouseUrl() + "/?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Double.parseDouble(answer.body().strip());
    }

    @Test
    void namesMetricsAsTheOpenTelemetryPrometheusExporterDoes() throws Exception {
        JsonNode names = ok(given().queryParam("start", ShopFixture.start().getEpochSecond()).queryParam("end", end())
                .get(API + "label/__name__/values"));
        List<String> list = new ArrayList<>();
        names.forEach(n -> list.add(n.asText()));
        assertThat(list).contains("shop_payments_total", "http_server_request_duration_seconds_bucket",
                "http_server_request_duration_seconds_sum", "http_server_request_duration_seconds_count",
                "k8s_pod_cpu_limit_utilization_ratio");
    }

    @Test
    void seriesCarryJobFromTheResourceAndAttributesAsLabels() throws Exception {
        JsonNode series = ok(given().queryParam("match[]", "shop_payments_total")
                .queryParam("start", ShopFixture.start().getEpochSecond()).queryParam("end", end()).get(API + "series"));
        assertThat(series.size()).isPositive();
        for (JsonNode s : series) {
            assertThat(s.get("__name__").asText()).isEqualTo("shop_payments_total");
            assertThat(s.get("job").asText()).contains("/");
        }
    }

    @Test
    void anInstantQueryAgreesWithTheStoredPoints() throws Exception {
        long end = ShopFixture.end().getEpochSecond();
        double stored = clickHouse("SELECT sum(v) FROM (SELECT argMax(Value, TimeUnix) AS v FROM vigil.otel_metrics_sum"
                + " WHERE MetricName = 'shop.payments' AND TimeUnix > toDateTime(" + (end - 300) + ") AND TimeUnix <= toDateTime(" + end + ")"
                + " GROUP BY ResourceAttributes, Attributes)");
        JsonNode data = ok(given().queryParam("query", "sum(shop_payments_total)").queryParam("time", end).get(API + "query"));
        assertThat(data.get("resultType").asText()).isEqualTo("vector");
        assertThat(data.get("result").get(0).get("value").get(0).asLong()).isEqualTo(end);
        assertThat(data.get("result").get(0).get("value").get(1).asDouble()).isEqualTo(stored);
    }

    @Test
    void aFormPostAnswersAsTheGetDoes() throws Exception {
        String query = "sum by (job) (rate(shop_payments_total[1m]))";
        JsonNode get = ok(given().queryParam("query", query).queryParam("time", end()).get(API + "query"));
        JsonNode post = ok(given().contentType("application/x-www-form-urlencoded").formParam("query", query)
                .formParam("time", end()).post(API + "query"));
        assertThat(post).isEqualTo(get);
        assertThat(get.get("result").size()).isPositive();
    }

    @Test
    void aRangeQueryHasAPointAtEveryStepWithData() throws Exception {
        long start = ShopFixture.start().getEpochSecond() + 60;
        long end = ShopFixture.end().getEpochSecond();
        JsonNode data = ok(given().contentType("application/x-www-form-urlencoded")
                .formParam("query", "histogram_quantile(0.5, sum by (le) (rate(http_server_request_duration_seconds_bucket[1m])))")
                .formParam("start", start).formParam("end", end).formParam("step", "30s").post(API + "query_range"));
        assertThat(data.get("resultType").asText()).isEqualTo("matrix");
        JsonNode values = data.get("result").get(0).get("values");
        assertThat(values.size()).isEqualTo((int) ((end - start) / 30) + 1);
        for (int i = 0; i < values.size(); i++) {
            assertThat(values.get(i).get(0).asLong()).isEqualTo(start + 30L * i);
            assertThat(values.get(i).get(1).asDouble()).isBetween(0.0, 10.0);
        }
    }

    @Test
    void aGaugeReadsItsLatestPointWithinTheLookback() throws Exception {
        long end = ShopFixture.end().getEpochSecond();
        double stored = clickHouse("SELECT max(v) FROM (SELECT argMax(Value, TimeUnix) AS v FROM vigil.otel_metrics_gauge"
                + " WHERE MetricName = 'k8s.pod.cpu_limit_utilization' AND TimeUnix > toDateTime(" + (end - 300) + ") AND TimeUnix <= toDateTime(" + end + ")"
                + " GROUP BY ResourceAttributes, Attributes)");
        JsonNode data = ok(given().queryParam("query", "max(k8s_pod_cpu_limit_utilization_ratio)").queryParam("time", end).get(API + "query"));
        assertThat(data.get("result").get(0).get("value").get(1).asDouble()).isCloseTo(stored, within(1e-9));
    }

    @Test
    void refusesABadQueryWithPrometheussErrorType() throws Exception {
        Response bad = given().queryParam("query", "sum(rate(x[5m])").get(API + "query");
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(bad.asString());
        assertThat(body.get("status").asText()).isEqualTo("error");
        assertThat(body.get("errorType").asText()).isEqualTo("bad_data");
        assertThat(body.get("error").asText()).contains("parse error");

        Response noStep = given().queryParam("query", "up").queryParam("start", 1).queryParam("end", 2).get(API + "query_range");
        assertThat(noStep.statusCode()).isEqualTo(400);
        assertThat(noStep.asString()).contains("invalid parameter \\\"step\\\"");
    }

    @Test
    void saysWhichPrometheusApiItSpeaks() throws Exception {
        JsonNode data = ok(given().get(API + "status/buildinfo"));
        assertThat(data.get("version").asText()).startsWith("3.");
        JsonNode metadata = ok(given().queryParam("metric", "shop_payments_total").get(API + "metadata"));
        assertThat(metadata.get("shop_payments_total").get(0).get("type").asText()).isEqualTo("counter");
        assertThat(metadata.get("shop_payments_total").get(0).get("help").asText()).isEqualTo("Payments accepted.");
    }
}
