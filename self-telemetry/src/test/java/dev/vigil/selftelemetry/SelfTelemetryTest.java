package dev.vigil.selftelemetry;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The OTLP registry against a stand-in for ingest-service's OTLP/HTTP receiver that keeps what it is sent. */
class SelfTelemetryTest {

    private record Received(String path, String contentType, String authorization,
            ExportMetricsServiceRequest request) {
    }

    /** An ingest token in the form ingest-service hands out. */
    private static final String TOKEN = "vgi_selftelemtry_Vigil-self-telemetry-test-token-00000000000";

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private HttpServer ingest;

    @BeforeEach
    void startTheStandIn() throws Exception {
        ingest = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ingest.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                received.add(new Received(exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestHeaders().getFirst("Authorization"), ExportMetricsServiceRequest.parseFrom(body)));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        ingest.start();
    }

    @AfterEach
    void stopTheStandIn() {
        ingest.stop(0);
    }

    @Test
    void sendsEveryMeterAsOtlpToIngestsMetricsPathNamedByTheService() throws Exception {
        URI endpoint = URI.create("http://127.0.0.1:" + ingest.getAddress().getPort());
        OtlpMeterRegistry registry = SelfTelemetry.registry(endpoint, Optional.of(TOKEN), Duration.ofMinutes(1),
                "query-service", "pod-1");
        Counter.builder("vigil.http.errors").tag("error", "not_found").register(registry).increment(3);
        Timer.builder(SelfTelemetry.HTTP_SERVER_REQUESTS).tag("uri", "/api/v1/traces").register(registry)
                .record(Duration.ofMillis(40));

        // Closing sends what was counted, without waiting for the interval.
        registry.close();

        Received sent = received.poll(10, TimeUnit.SECONDS);
        assertThat(sent).isNotNull();
        assertThat(sent.path()).isEqualTo("/v1/metrics");
        assertThat(sent.contentType()).isEqualTo("application/x-protobuf");
        assertThat(sent.authorization()).isEqualTo("Bearer " + TOKEN);
        ResourceMetrics resource = sent.request().getResourceMetrics(0);
        assertThat(attributes(resource.getResource().getAttributesList())).containsEntry("service.name", "query-service")
                .containsEntry("service.namespace", "vigil").containsEntry("service.instance.id", "pod-1");
        Map<String, Metric> metrics = resource.getScopeMetricsList().stream()
                .flatMap(scope -> scope.getMetricsList().stream())
                .collect(Collectors.toMap(Metric::getName, m -> m));

        Metric errors = metrics.get("vigil.http.errors");
        assertThat(errors.getSum().getIsMonotonic()).isTrue();
        assertThat(errors.getSum().getDataPoints(0).getAsDouble()).isEqualTo(3);
        Metric requests = metrics.get(SelfTelemetry.HTTP_SERVER_REQUESTS);
        assertThat(requests.getHistogram().getDataPoints(0).getCount()).isEqualTo(1);
        List<Double> bounds = requests.getHistogram().getDataPoints(0).getExplicitBoundsList();
        assertThat(bounds).as("buckets for latency quantiles, in milliseconds").isNotEmpty();
        assertThat(bounds.getFirst()).isGreaterThanOrEqualTo(1.0);
        assertThat(bounds.getLast()).isLessThanOrEqualTo(30_000.0);
    }

    @Test
    void sendsNoAuthorizationWithoutAToken() throws Exception {
        URI endpoint = URI.create("http://127.0.0.1:" + ingest.getAddress().getPort());
        OtlpMeterRegistry registry = SelfTelemetry.registry(endpoint, Optional.empty(), Duration.ofMinutes(1),
                "query-service", "");
        Counter.builder("vigil.http.errors").register(registry).increment();

        registry.close();

        Received sent = received.poll(10, TimeUnit.SECONDS);
        assertThat(sent).isNotNull();
        assertThat(sent.authorization()).isNull();
    }

    private static Map<String, String> attributes(List<KeyValue> attributes) {
        return attributes.stream().collect(Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().getStringValue()));
    }
}
