package dev.vigil.ingest.persist;

import dev.vigil.devstack.testing.TestCredentials;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clickhouse.client.api.Client;
import dev.vigil.contracts.Topics;
import dev.vigil.devstack.launch.DevStack;
import dev.vigil.devstack.testing.DevStackResource;
import dev.vigil.devstack.testing.SharedDevStack;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What Kafka acknowledged is stored once ClickHouse is back, for every signal: nothing lost, nothing twice. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class ClickHouseOutageTest {
    private static final int SPANS = 20;
    private static final int LOG_RECORDS = 25;

    @TestHTTPResource("/v1/traces")
    URL traces;

    @TestHTTPResource("/q/health/ready")
    URL ready;

    @Inject
    Client clickHouse;

    @Inject
    MeterRegistry registry;

    @Test
    void retriesWhileClickHouseIsDownAndStoresEverySpanOnceItIsBack() {
        DevStack stack = SharedDevStack.get();
        double retriesBefore = retries();
        String traceId;
        stack.stopClickHouse();
        try {
            try (SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(
                    OtlpHttpSpanExporter.builder().setEndpoint(traces.toString())
                            .setHeaders(TestCredentials::otlpHeaders).build())).build()) {
                Tracer tracer = provider.get("outage");
                Span root = tracer.spanBuilder("root").startSpan();
                traceId = root.getSpanContext().getTraceId();
                try (var scope = root.makeCurrent()) {
                    for (int i = 1; i < SPANS; i++) {
                        tracer.spanBuilder("child-" + i).startSpan().end();
                    }
                } finally {
                    root.end();
                }
                // Accepted: the receiver needs Kafka only.
                assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(retries()).isGreaterThan(retriesBefore));
            assertThat(given().get(ready).statusCode()).as("not ready without ClickHouse").isEqualTo(503);
        } finally {
            stack.startClickHouse();
        }

        String id = traceId;
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(clickHouse.queryAll(
                "SELECT count() AS c, uniqExact(SpanId) AS u FROM vigil.otel_traces WHERE TraceId = '" + id + "'")
                .getFirst()).satisfies(r -> {
                    assertThat(r.getLong("c")).isEqualTo(SPANS);
                    assertThat(r.getLong("u")).isEqualTo(SPANS);
                }));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(given().get(ready).statusCode()).isEqualTo(200));
    }

    @Test
    void storesEveryLogRecordAndDataPointOnceAfterClickHouseReturns() throws Exception {
        DevStack stack = SharedDevStack.get();
        String run = UUID.randomUUID().toString();
        TestBus bus = new TestBus(stack.kafkaBootstrapServers());
        double logRetries = retries("logs");
        double metricRetries = retries("metrics");
        stack.stopClickHouse();
        try {
            bus.publish(Topics.OTLP_LOGS, run, List.of(LogPersisterTest.logs(run, logger -> {
                for (int i = 0; i < LOG_RECORDS; i++) {
                    logger.logRecordBuilder().setBody("during outage " + i)
                            .setAttribute(AttributeKey.stringKey("response_code"), "500")
                            .setAttribute(AttributeKey.stringKey("method"), "GET")
                            .setAttribute(AttributeKey.stringKey("run"), run).emit();
                }
            }).toByteArray()), TestBus.headers("default", true));
            bus.publish(Topics.OTLP_METRICS, run, List.of(MetricPersisterTest.metrics(run).toByteArray()),
                    TestBus.headers("default", true));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(retries("logs")).isGreaterThan(logRetries);
                assertThat(retries("metrics")).isGreaterThan(metricRetries);
            });
        } finally {
            stack.startClickHouse();
        }

        StoredRows stored = new StoredRows(clickHouse);
        String ofRun = " WHERE ResourceAttributes['test.run'] = '" + run + "'";
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(stored.count("SELECT count() FROM vigil.otel_logs" + ofRun)).isEqualTo(LOG_RECORDS);
            assertThat(stored.count("SELECT count() FROM vigil.otel_metrics_gauge" + ofRun)).isEqualTo(1);
            assertThat(stored.count("SELECT count() FROM vigil.otel_metrics_sum" + ofRun)).isEqualTo(2);
            assertThat(stored.count("SELECT count() FROM vigil.otel_metrics_histogram" + ofRun)).isEqualTo(1);
            assertThat(stored.count("SELECT count() FROM vigil.otel_metrics_exponential_histogram" + ofRun))
                    .isEqualTo(1);
        });
        assertThat(stored.count("SELECT uniqExact(Body) FROM vigil.otel_logs" + ofRun)).isEqualTo(LOG_RECORDS);
        assertThat(stored.count("SELECT count() FROM vigil.vigil_access_logs WHERE Attributes['run'] = '" + run + "'"))
                .isEqualTo(LOG_RECORDS);
    }

    private double retries() {
        return retries("traces");
    }

    private double retries(String signal) {
        return registry.get("vigil.ingest.insert.retries").tag("signal", signal).counter().count();
    }
}
