package dev.vigil.alert.clickhouse;

import dev.vigil.alert.condition.NoData;
import dev.vigil.alert.condition.SpecReader;
import dev.vigil.alert.evaluate.Rule;
import dev.vigil.alert.evaluate.Sample;
import dev.vigil.alert.notify.Telemetry;
import dev.vigil.devstack.testing.DevStackResource;
import io.opentelemetry.api.logs.Severity;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each rule kind's query over telemetry sent through a packaged ingest-service with the OpenTelemetry
 * SDK's OTLP/HTTP exporters and stored in the embedded ClickHouse.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class ClickHouseRuleQueryTest {

    @Inject
    ClickHouseRuleQuery query;

    private final String id = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startIngest() {
        Telemetry.ingest();
    }

    @Test
    void errorRateIsTheShareOfFailedSpansOfTheServiceOrOneOperation() throws Exception {
        String service = "pay-" + id;
        Telemetry.sendSpans(service, "POST /pay", 4, 1);
        Telemetry.sendSpans(service, "GET /status", 2, 2);
        awaitStoredSpans(service, 6);

        assertThat(await(rule("error_rate", Map.of("service", service, "threshold", 0.5)), s -> !s.isEmpty()))
                .containsExactly(new Sample(Map.of("service", service), 0.5));
        assertThat(await(rule("error_rate", Map.of("service", service, "operation", "POST /pay", "threshold", 0.5)),
                s -> !s.isEmpty())).containsExactly(new Sample(Map.of("service", service, "operation", "POST /pay"), 0.25));
        assertThat(query.query(rule("error_rate", Map.of("service", service, "threshold", 0.5, "minRequests", 7)),
                Instant.now())).as("fewer spans than minRequests are data that violates nothing")
                .containsExactly(new Sample(Map.of("service", service), Double.NaN));
        assertThat(query.query(rule("error_rate", Map.of("service", "nobody-" + id, "threshold", 0.5)), Instant.now()))
                .as("no span at all is no data").isEmpty();
    }

    @Test
    void latencyQuantileIsInMilliseconds() throws Exception {
        String service = "search-" + id;
        Telemetry.sendSpans(service, "GET /search", 3, 0, 120);
        awaitStoredSpans(service, 3);

        assertThat(await(rule("latency_quantile", Map.of("service", service, "quantile", 0.9, "threshold", 100)),
                s -> !s.isEmpty())).containsExactly(new Sample(Map.of("service", service), 120.0));
    }

    @Test
    void logCountCountsRecordsOfTheSeverityWhoseBodyMatches() throws Exception {
        String service = "billing-" + id;
        Telemetry.sendLogs(service, Severity.ERROR, "payment FAILED: timeout", "payment failed: card declined", "retrying");
        Telemetry.sendLogs(service, Severity.INFO, "payment failed is only a test phrase here");

        Rule rule = rule("log_count", Map.of("service", service, "bodyContains", "payment failed", "minSeverityNumber", 17));
        assertThat(await(rule, s -> s.size() == 1 && s.getFirst().value() >= 2))
                .containsExactly(new Sample(Map.of("service", service), 2.0));
    }

    @Test
    void metricThresholdAggregatesEachGroupOfTheMetric() throws Exception {
        String metric = "queue.depth." + id;
        Telemetry.sendGauge("worker-" + id, metric, Map.of("orders", 7.0, "emails", 3.0));

        List<Sample> samples = await(rule("metric_threshold", Map.of("metric", metric, "aggregation", "max",
                "groupBy", List.of("queue"), "threshold", 5)), s -> s.size() == 2);
        assertThat(samples.stream().sorted(Comparator.comparing(Sample::value)).toList()).containsExactly(
                new Sample(Map.of("metric", metric, "queue", "emails"), 3.0),
                new Sample(Map.of("metric", metric, "queue", "orders"), 7.0));
        assertThat(await(rule("metric_threshold", Map.of("metric", metric, "filter", Map.of("queue", "orders"),
                "threshold", 5)), s -> s.size() == 1)).containsExactly(new Sample(Map.of("metric", metric), 7.0));
    }

    @Test
    void aFilterValueWithQuotesAndBackslashesMatchesExactlyTheSeriesWithThatValue() throws Exception {
        String metric = "queue.depth.escaped." + id;
        String tricky = "orders \"eu\" \\ backlog";
        Telemetry.sendGauge("worker-" + id, metric, Map.of(tricky, 7.0, "orders \"eu\" ", 3.0, "emails", 5.0));
        await(rule("metric_threshold", Map.of("metric", metric, "groupBy", List.of("queue"), "threshold", 1)),
                s -> s.size() == 3);

        List<Sample> samples = query.query(rule("metric_threshold", Map.of("metric", metric, "aggregation", "max",
                "filter", Map.of("queue", tricky), "groupBy", List.of("queue"), "threshold", 5)), Instant.now());

        assertThat(samples).containsExactly(new Sample(Map.of("metric", metric, "queue", tricky), 7.0));
        assertThat(query.query(rule("metric_threshold", Map.of("metric", metric, "filter",
                Map.of("queue", "orders \"eu\" \\ other"), "threshold", 5)), Instant.now()))
                .as("a value that differs only after the backslash matches nothing").isEmpty();
    }

    @Test
    void aPromQlRuleReadsOpenTelemetryMetricsByTheirPrometheusNamesAndDropsTheMetricName() throws Exception {
        String service = "worker-" + id;
        Telemetry.sendGauge(service, "queue.depth.promql." + id, Map.of("orders", 7.0, "emails", 3.0));

        List<Sample> samples = await(rule("promql", Map.of("expr", "queue_depth_promql_" + id + " > 5")), s -> !s.isEmpty());

        assertThat(samples).containsExactly(new Sample(Map.of("job", service, "queue", "orders"), 7.0));
        assertThat(query.query(rule("promql", Map.of("expr", "queue_depth_promql_" + id + " > 100")), Instant.now()))
                .as("an empty result: the condition does not hold").isEmpty();
        assertThat(query.query(rule("promql", Map.of("expr", "sum by (job) (queue_depth_promql_" + id + ")")), Instant.now()))
                .containsExactly(new Sample(Map.of("job", service), 10.0));
    }

    @Test
    void absenceMeasuresZeroUntilTheServiceSendsSpans() throws Exception {
        String service = "quiet-" + id;
        Rule rule = rule("absence", Map.of("signal", "traces", "service", service, "windowSeconds", 60));
        assertThat(query.query(rule, Instant.now())).containsExactly(new Sample(Map.of("service", service), 0.0));

        Telemetry.sendSpans(service, "GET /", 2, 0);

        assertThat(await(rule, s -> s.getFirst().value() >= 2)).containsExactly(new Sample(Map.of("service", service), 2.0));
    }

    private static Rule rule(String kind, Map<String, Object> spec) {
        return new Rule(1, kind + " test", SpecReader.read(kind, spec), Duration.ofSeconds(1), Duration.ZERO,
                Duration.ZERO, Map.of(), Map.of(), NoData.NODATA);
    }

    /** Spans of one export may be stored in several batches: waits until all are queryable. */
    private void awaitStoredSpans(String service, int count) throws Exception {
        Rule spans = rule("absence", Map.of("signal", "traces", "service", service, "windowSeconds", 300));
        assertThat(await(spans, s -> s.getFirst().value() >= count))
                .containsExactly(new Sample(Map.of("service", service), count));
    }

    /** Queries until the persist stage has stored what was sent. */
    private List<Sample> await(Rule rule, Predicate<List<Sample>> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<Sample> samples;
        do {
            samples = query.query(rule, Instant.now());
            if (done.test(samples)) {
                return samples;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        return samples;
    }
}
