package dev.vigil.ingest.receive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import dev.vigil.devstack.testing.DevStackResource;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole ingest path for each way an SDK sends: the OpenTelemetry SDK's exporters (gRPC and
 * HTTP/protobuf, plain and gzip) and OTLP/JSON as the SDK marshals it → receiver → Kafka → persist →
 * ClickHouse, read back field by field from the exporter-schema tables.
 */
@QuarkusTest
@QuarkusTestResource(DevStackResource.class)
class OtlpToClickHouseTest {
    private static final Duration STORED_WITHIN = Duration.ofSeconds(30);

    @Inject
    Client clickHouse;

    @ParameterizedTest
    @EnumSource(Sender.class)
    void spansComeBackFromOtelTracesFieldByField(Sender sender) {
        String service = "rt-spans-" + sender.name().toLowerCase() + "-" + System.nanoTime();
        List<SpanData> spans = SdkTelemetry.spans(service);
        assertThat(sender.spans(spans)).as("export answered with success").isTrue();

        List<GenericRecord> rows = awaitRows(spans.size(), "SELECT SpanName, TraceId, SpanId, ParentSpanId,"
                + " toUnixTimestamp64Nano(Timestamp) AS StartNanos, Duration, SpanKind, ServiceName, ScopeName, ScopeVersion,"
                + " StatusCode, StatusMessage, toJSONString(mapSort(SpanAttributes)) AS Attrs, ResourceAttributes['k8s.namespace.name'] AS Ns,"
                + " toJSONString(Events.Name) AS EventNames, toJSONString(Events.Attributes) AS EventAttrs,"
                + " toJSONString(arrayMap(t -> toUnixTimestamp64Nano(t), Events.Timestamp)) AS EventNanos,"
                + " toJSONString(Links.TraceId) AS LinkTraces, toJSONString(Links.SpanId) AS LinkSpans,"
                + " toJSONString(Links.Attributes) AS LinkAttrs"
                + " FROM vigil.otel_traces WHERE ServiceName = '" + service + "' ORDER BY SpanName");
        for (SpanData span : spans) {
            GenericRecord row = rows.stream().filter(r -> r.getString("SpanId").equals(span.getSpanId())).findFirst()
                    .orElseThrow(() -> new AssertionError("span " + span.getName() + " not stored"));
            assertThat(row.getString("TraceId")).isEqualTo(span.getTraceId());
            assertThat(row.getString("ParentSpanId")).isEqualTo(span.getParentSpanContext().isValid()
                    ? span.getParentSpanId() : "");
            assertThat(row.getString("SpanName")).isEqualTo(span.getName());
            assertThat(row.getLong("StartNanos")).isEqualTo(span.getStartEpochNanos());
            assertThat(row.getLong("Duration")).isEqualTo(span.getEndEpochNanos() - span.getStartEpochNanos());
            assertThat(row.getString("ServiceName")).isEqualTo(service);
            assertThat(row.getString("ScopeName")).isEqualTo("dev.vigil.test.sdk");
            assertThat(row.getString("ScopeVersion")).isEqualTo("2.0.1");
            assertThat(row.getString("Ns")).isEqualTo("shop");
        }
        GenericRecord server = row(rows, "POST /orders");
        assertThat(server.getString("SpanKind")).isEqualTo("Server");
        assertThat(server.getString("StatusCode")).isEqualTo("Error");
        assertThat(server.getString("StatusMessage")).isEqualTo("payment declined");
        assertThat(server.getString("Attrs")).isEqualTo("{\"http.request.method\":\"POST\","
                + "\"http.response.status_code\":\"500\",\"load\":\"0.75\",\"retried\":\"true\",\"tags\":\"[\\\"a\\\",\\\"b\\\"]\"}");
        assertThat(server.getString("EventNames")).isEqualTo("[\"exception\"]");
        assertThat(server.getString("EventAttrs")).isEqualTo("[{\"exception.type\":\"IOException\"}]");
        assertThat(server.getString("EventNanos")).isEqualTo("[" + spanNamed(spans, "POST /orders").getEvents()
                .getFirst().getEpochNanos() + "]");
        assertThat(server.getString("LinkTraces")).isEqualTo("[\"4bf92f3577b34da6a3ce929d0e0e4736\"]");
        assertThat(server.getString("LinkSpans")).isEqualTo("[\"00f067aa0ba902b7\"]");
        assertThat(server.getString("LinkAttrs")).isEqualTo("[{\"link.reason\":\"batch\"}]");
        assertThat(row(rows, "GET /payments").getString("SpanKind")).isEqualTo("Client");
        assertThat(row(rows, "cleanup").getString("StatusCode")).isEqualTo("Unset");
    }

    @ParameterizedTest
    @EnumSource(Sender.class)
    void metricsComeBackFromTheSumGaugeAndHistogramTables(Sender sender) {
        String service = "rt-metrics-" + sender.name().toLowerCase() + "-" + System.nanoTime();
        List<MetricData> metrics = SdkTelemetry.metrics(service);
        assertThat(sender.metrics(metrics)).as("export answered with success").isTrue();

        List<GenericRecord> sums = awaitRows(2, "SELECT Attributes['route'] AS Route, Value, IsMonotonic,"
                + " AggregationTemporality, MetricUnit FROM vigil.otel_metrics_sum WHERE ServiceName = '" + service
                + "' AND MetricName = 'http.server.requests' ORDER BY Route");
        assertThat(sums).extracting(r -> r.getString("Route") + "=" + r.getDouble("Value") + " monotonic="
                + r.getBoolean("IsMonotonic") + " temporality=" + r.getInteger("AggregationTemporality") + " unit="
                + r.getString("MetricUnit"))
                .containsExactly("/orders=3.0 monotonic=true temporality=2 unit={request}",
                        "/payments=1.0 monotonic=true temporality=2 unit={request}");

        List<GenericRecord> gauges = awaitRows(1, "SELECT Attributes['cpu'] AS Cpu, Value FROM vigil.otel_metrics_gauge"
                + " WHERE ServiceName = '" + service + "' AND MetricName = 'process.cpu.utilization'");
        assertThat(gauges.getFirst().getString("Cpu")).isEqualTo("0");
        assertThat(gauges.getFirst().getDouble("Value")).isEqualTo(0.42);

        HistogramPointData point = metrics.stream().filter(m -> m.getName().equals("http.server.request.duration"))
                .findFirst().orElseThrow().getHistogramData().getPoints().iterator().next();
        GenericRecord histogram = awaitRows(1, "SELECT Count, Sum, Min, Max, toJSONString(BucketCounts) AS Buckets,"
                + " toJSONString(ExplicitBounds) AS Bounds, toJSONString(Exemplars.Value) AS ExemplarValues,"
                + " toJSONString(Exemplars.TraceId) AS ExemplarTraces, toJSONString(Exemplars.SpanId) AS ExemplarSpans"
                + " FROM vigil.otel_metrics_histogram WHERE ServiceName = '" + service + "'").getFirst();
        assertThat(histogram.getLong("Count")).isEqualTo(point.getCount());
        assertThat(histogram.getDouble("Sum")).isEqualTo(0.25);
        assertThat(histogram.getDouble("Min")).isEqualTo(0.25);
        assertThat(histogram.getDouble("Max")).isEqualTo(0.25);
        assertThat(histogram.getString("Buckets")).isEqualTo(jsonNumbers(point.getCounts().stream()
                .map(String::valueOf).toList()));
        assertThat(histogram.getString("Bounds")).isEqualTo(jsonNumbers(point.getBoundaries().stream()
                .map(OtlpToClickHouseTest::clickHouseDouble).toList()));
        assertThat(histogram.getString("ExemplarValues")).isEqualTo("[0.25]");
        assertThat(histogram.getString("ExemplarTraces")).isEqualTo("[\"" + point.getExemplars().getFirst()
                .getSpanContext().getTraceId() + "\"]");
        assertThat(histogram.getString("ExemplarSpans")).isEqualTo("[\"" + point.getExemplars().getFirst()
                .getSpanContext().getSpanId() + "\"]");
    }

    @ParameterizedTest
    @EnumSource(Sender.class)
    void logsComeBackFromOtelLogsWithTheirTraceContextAndABodyOfEveryKind(Sender sender) {
        String service = "rt-logs-" + sender.name().toLowerCase() + "-" + System.nanoTime();
        List<LogRecordData> logs = SdkTelemetry.logs(service);
        assertThat(sender.logs(logs)).as("export answered with success").isTrue();
        List<GenericRecord> rows = awaitRows(2, "SELECT Body, SeverityText, SeverityNumber, TraceId, SpanId,"
                + " toUnixTimestamp64Nano(Timestamp) AS Nanos, toJSONString(mapSort(LogAttributes)) AS Attrs, ScopeName"
                + " FROM vigil.otel_logs WHERE ServiceName = '" + service + "' ORDER BY Body");
        GenericRecord warn = rows.get(0);
        LogRecordData declined = logs.getFirst();
        assertThat(warn.getString("Body")).isEqualTo("payment declined");
        assertThat(warn.getString("SeverityText")).isEqualTo("WARN");
        assertThat(warn.getInteger("SeverityNumber")).isEqualTo(13);
        assertThat(warn.getString("TraceId")).isEqualTo(declined.getSpanContext().getTraceId());
        assertThat(warn.getString("SpanId")).isEqualTo(declined.getSpanContext().getSpanId());
        assertThat(warn.getLong("Nanos")).isEqualTo(declined.getTimestampEpochNanos());
        assertThat(warn.getString("Attrs")).isEqualTo("{\"order.id\":\"o-17\"}");
        assertThat(warn.getString("ScopeName")).isEqualTo("dev.vigil.test.sdk");
        GenericRecord info = rows.get(1);
        assertThat(info.getString("Body")).isEqualTo("started");
        assertThat(info.getInteger("SeverityNumber")).isEqualTo(9);
        assertThat(info.getString("TraceId")).isEmpty();
        assertThat(info.getString("Attrs")).isEqualTo("{\"pid\":\"4242\"}");

        // Bodies of every AnyValue kind, rendered as the Collector's exporter renders them.
        Map<Value<?>, String> bodies = new LinkedHashMap<>();
        bodies.put(Value.of("plain text"), "plain text");
        bodies.put(Value.of(true), "true");
        bodies.put(Value.of(42L), "42");
        bodies.put(Value.of(1.5), "1.5");
        byte[] raw = "raw\u0000bytes".getBytes(StandardCharsets.UTF_8);
        bodies.put(Value.of(raw), Base64.getEncoder().encodeToString(raw));
        bodies.put(Value.of(Value.of("a"), Value.of(7L)), "[\"a\",7]");
        bodies.put(Value.of(KeyValue.of("user", Value.of("ada")), KeyValue.of("tries", Value.of(3L))),
                "{\"tries\":3,\"user\":\"ada\"}");
        String bodyService = service + "-bodies";
        assertThat(sender.logs(SdkTelemetry.logsWithBodies(bodyService, List.copyOf(bodies.keySet())))).isTrue();
        List<GenericRecord> stored = awaitRows(bodies.size(), "SELECT Body FROM vigil.otel_logs WHERE ServiceName = '"
                + bodyService + "' ORDER BY toInt32(LogAttributes['n'])");
        assertThat(stored).extracting(r -> r.getString("Body")).containsExactlyElementsOf(bodies.values());
    }

    private List<GenericRecord> awaitRows(int expected, String sql) {
        await().atMost(STORED_WITHIN).until(() -> clickHouse.queryAll(sql).size() >= expected);
        List<GenericRecord> rows = clickHouse.queryAll(sql);
        assertThat(rows).as("rows of " + sql).hasSize(expected);
        return rows;
    }

    private static GenericRecord row(List<GenericRecord> rows, String spanName) {
        return rows.stream().filter(r -> r.getString("SpanName").equals(spanName)).findFirst().orElseThrow();
    }

    private static SpanData spanNamed(List<SpanData> spans, String name) {
        return spans.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
    }

    private static String jsonNumbers(List<String> values) {
        return "[" + String.join(",", values) + "]";
    }

    /** How ClickHouse's toJSONString writes a Float64: whole numbers without a fraction. */
    private static String clickHouseDouble(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
