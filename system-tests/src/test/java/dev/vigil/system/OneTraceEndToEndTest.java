package dev.vigil.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.devstack.testing.TestCredentials;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.devstack.launch.DevStack;
import dev.vigil.devstack.testing.PackagedService;
import dev.vigil.devstack.testing.SharedDevStack;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The foundation's promise: a trace sent with the OpenTelemetry Java SDK's OTLP/HTTP exporter
 * travels receiver → Kafka → persist → ClickHouse and comes back from the query API within 5 s,
 * field for field; alert-service runs on PostgreSQL and health-service sees all three services.
 */
class OneTraceEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<PackagedService> SERVICES = new ArrayList<>();
    private static PackagedService ingest;
    private static PackagedService query;
    private static PackagedService alert;
    private static PackagedService health;

    @BeforeAll
    static void startVigil() {
        DevStack stack = SharedDevStack.get();
        Path logs = stack.stateDir().resolve("logs");
        Map<String, String> infra = Map.of(
                "kafka.bootstrap.servers", stack.kafkaBootstrapServers(),
                "vigil.clickhouse.url", stack.clickHouseUrl());
        ingest = PackagedService.ingest(Map.of());
        SERVICES.add(ingest);
        query = start("query-service", infra, logs);
        Map<String, String> alertConfig = new HashMap<>(infra);
        alertConfig.putAll(Map.of(
                "quarkus.datasource.jdbc.url", stack.postgres().jdbcUrl(),
                "quarkus.datasource.reactive.url", stack.postgres().reactiveUrl(),
                "quarkus.datasource.username", stack.postgres().user(),
                "quarkus.datasource.password", stack.postgres().password()));
        alert = start("alert-service", alertConfig, logs);
        Map<String, String> healthConfig = new HashMap<>(infra);
        healthConfig.putAll(Map.of(
                "vigil.health.services.ingest", "http://127.0.0.1:" + ingest.port(),
                "vigil.health.services.query", "http://127.0.0.1:" + query.port(),
                "vigil.health.services.alert", "http://127.0.0.1:" + alert.port(),
                "vigil.health.probe-interval", "1s",
                "vigil.health.postgres.jdbc-url", stack.postgres().jdbcUrl(),
                "vigil.health.postgres.username", stack.postgres().user(),
                "vigil.health.postgres.password", stack.postgres().password()));
        health = start("health-service", healthConfig, logs);
    }

    private static PackagedService start(String name, Map<String, String> config, Path logs) {
        PackagedService service = PackagedService.start(name, config, logs);
        SERVICES.add(service);
        return service;
    }

    @AfterAll
    static void stopVigil() {
        SERVICES.reversed().forEach(PackagedService::close);
    }

    @Test
    void traceSentWithTheOtelSdkIsReturnedFieldForFieldWithinFiveSeconds() throws Exception {
        List<SpanData> sent = recordShopTrace();
        String traceId = sent.get(0).getTraceId();

        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(ingest.uri("/v1/traces").toString())
                .setHeaders(TestCredentials::otlpHeaders)
                .build();
        CompletableResultCode export = exporter.export(sent).join(10, TimeUnit.SECONDS);
        long acceptedAt = System.nanoTime();
        assertThat(export.isSuccess()).as("OTLP export answered with success").isTrue();
        exporter.shutdown();

        JsonNode trace = awaitTrace(traceId, Duration.ofSeconds(5));
        System.out.printf("trace visible through the query API %d ms after the receiver accepted it%n",
                (System.nanoTime() - acceptedAt) / 1_000_000);

        assertThat(trace.path("traceId").asText()).isEqualTo(traceId);
        JsonNode spans = trace.path("spans");
        assertThat(spans).hasSize(sent.size());
        assertThat(spans.get(0).path("spanId").asText()).as("parent before child").isEqualTo(sent.get(0).getSpanId());
        for (SpanData expected : sent) {
            assertSpan(find(spans, expected.getSpanId()), expected);
        }
    }

    @Test
    void unknownTraceIsA404AndMalformedIdA400() throws Exception {
        HttpResponse<String> unknown = get(query, "/api/v1/traces/0123456789abcdef0123456789abcdef");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("message").asText()).isNotBlank();
        assertThat(get(query, "/api/v1/traces/not-a-trace-id").statusCode()).isEqualTo(400);
    }

    @Test
    void healthServiceSeesEveryServiceReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode platform;
        do {
            platform = JSON.readTree(get(health, "/api/v1/platform").body());
            if ("HEALTHY".equals(platform.path("status").asText())) {
                break;
            }
            Await.sleep(500);
        } while (System.nanoTime() < deadline);
        assertThat(platform.path("status").asText()).as(platform.toString()).isEqualTo("HEALTHY");
        List<String> names = new ArrayList<>();
        platform.path("services").forEach(s -> {
            names.add(s.path("name").asText());
            assertThat(s.path("status").asText()).isEqualTo("UP");
        });
        assertThat(names).containsExactlyInAnyOrder("ingest", "query", "alert");
    }

    /** A two-span trace of a shop's checkout, with every attribute type, an event, a link and an error. */
    private static List<SpanData> recordShopTrace() {
        Recorder recorder = new Recorder();
        Resource resource = Resource.create(Attributes.builder()
                .put("service.name", "checkout")
                .put("k8s.namespace.name", "shop")
                .put("k8s.deployment.name", "checkout")
                .build());
        try (SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(resource)
                .addSpanProcessor(SimpleSpanProcessor.create(recorder))
                .build()) {
            Tracer tracer = provider.get("dev.vigil.system", "1.0.0");
            SpanContext linked = tracer.spanBuilder("enqueue").startSpan().getSpanContext();
            Span root = tracer.spanBuilder("POST /checkout").setSpanKind(SpanKind.SERVER)
                    .setAttribute("http.request.method", "POST")
                    .setAttribute("http.response.status_code", 500L)
                    .setAttribute("cart.value", 99.5)
                    .setAttribute("cart.express", true)
                    .setAttribute(AttributeKey.stringArrayKey("cart.items"), List.of("book", "pen"))
                    .startSpan();
            try (Scope ignored = root.makeCurrent()) {
                Span child = tracer.spanBuilder("SELECT orders").setSpanKind(SpanKind.CLIENT)
                        .setAttribute("db.system.name", "postgresql")
                        .addLink(linked, Attributes.of(AttributeKey.stringKey("link.reason"), "retry"))
                        .startSpan();
                child.addEvent("connection acquired", Attributes.of(AttributeKey.longKey("pool.size"), 8L));
                child.setStatus(StatusCode.ERROR, "deadline exceeded");
                child.end();
            }
            root.end();
        }
        // The recorder saw the linked span too; the trace sent is the checkout's two spans, root first.
        List<SpanData> trace = new ArrayList<>(recorder.spans.stream().filter(s -> !s.getName().equals("enqueue")).toList());
        trace.sort(Comparator.comparing((SpanData s) -> s.getParentSpanContext().isValid()));
        return trace;
    }

    private static void assertSpan(JsonNode actual, SpanData expected) {
        assertThat(actual.path("traceId").asText()).isEqualTo(expected.getTraceId());
        assertThat(actual.path("spanId").asText()).isEqualTo(expected.getSpanId());
        if (expected.getParentSpanContext().isValid()) {
            assertThat(actual.path("parentSpanId").asText()).isEqualTo(expected.getParentSpanId());
        } else {
            assertThat(actual.get("parentSpanId").isNull()).as("a root span has a null parentSpanId").isTrue();
        }
        assertThat(actual.path("name").asText()).isEqualTo(expected.getName());
        assertThat(actual.path("kind").asText()).isEqualTo(expected.getKind().name());
        assertThat(actual.path("serviceName").asText()).isEqualTo("checkout");
        assertThat(Instant.parse(actual.path("startTime").asText()))
                .as("start time to the nanosecond").isEqualTo(Instant.ofEpochSecond(0, expected.getStartEpochNanos()));
        assertThat(actual.path("durationNanos").asLong()).isEqualTo(expected.getEndEpochNanos() - expected.getStartEpochNanos());
        assertThat(actual.path("status").path("code").asText()).isEqualTo(expected.getStatus().getStatusCode().name());
        assertThat(actual.path("status").path("message").asText()).isEqualTo(expected.getStatus().getDescription());
        assertThat(stringMap(actual.path("attributes"))).isEqualTo(stringified(expected.getAttributes()));
        assertThat(stringMap(actual.path("resourceAttributes"))).containsAllEntriesOf(stringified(expected.getResource().getAttributes()));
        assertThat(actual.path("events")).hasSize(expected.getEvents().size());
        for (int i = 0; i < expected.getEvents().size(); i++) {
            EventData event = expected.getEvents().get(i);
            JsonNode e = actual.path("events").get(i);
            assertThat(e.path("name").asText()).isEqualTo(event.getName());
            assertThat(Instant.parse(e.path("time").asText())).isEqualTo(Instant.ofEpochSecond(0, event.getEpochNanos()));
            assertThat(stringMap(e.path("attributes"))).isEqualTo(stringified(event.getAttributes()));
        }
        assertThat(actual.path("links")).hasSize(expected.getLinks().size());
        for (int i = 0; i < expected.getLinks().size(); i++) {
            JsonNode l = actual.path("links").get(i);
            assertThat(l.path("traceId").asText()).isEqualTo(expected.getLinks().get(i).getSpanContext().getTraceId());
            assertThat(l.path("spanId").asText()).isEqualTo(expected.getLinks().get(i).getSpanContext().getSpanId());
            assertThat(stringMap(l.path("attributes"))).isEqualTo(stringified(expected.getLinks().get(i).getAttributes()));
        }
    }

    /** Attribute values as the exporter schema stores them: strings, arrays as JSON. */
    private static Map<String, String> stringified(Attributes attributes) {
        Map<String, String> out = new HashMap<>();
        attributes.forEach((k, v) -> out.put(k.getKey(), v instanceof List<?> list
                ? list.stream().map(x -> "\"" + x + "\"").toList().toString().replace(" ", "")
                : String.valueOf(v)));
        return out;
    }

    private static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> out = new HashMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static JsonNode find(JsonNode spans, String spanId) {
        for (JsonNode s : spans) {
            if (s.path("spanId").asText().equals(spanId)) {
                return s;
            }
        }
        throw new AssertionError("span " + spanId + " missing from " + spans);
    }

    private static JsonNode awaitTrace(String traceId, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        HttpResponse<String> last;
        do {
            last = get(query, "/api/v1/traces/" + traceId);
            if (last.statusCode() == 200) {
                JsonNode body = JSON.readTree(last.body());
                if (body.path("spans").size() >= 2) {
                    return body;
                }
            }
            Await.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("trace " + traceId + " not returned within " + within + "; last answer "
                + last.statusCode() + " " + last.body() + "\ningest log:\n" + ingest.logTail());
    }

    private static HttpResponse<String> get(PackagedService service, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(service.uri(path)).header("Authorization", TestCredentials.adminAuthorization()).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Keeps what the SDK finished, so the test knows exactly what it sent. */
    private static final class Recorder implements SpanExporter {
        final List<SpanData> spans = new ArrayList<>();

        @Override
        public synchronized CompletableResultCode export(Collection<SpanData> batch) {
            spans.addAll(batch);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
