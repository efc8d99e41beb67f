package dev.vigil.demo.cluster;

import com.sun.net.httpserver.HttpServer;
import dev.vigil.demo.ingest.IngestTokenRefusedException;
import dev.vigil.devstack.testing.TestCredentials;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatedClusterTest {

    /** What a stand-in OTLP/HTTP receiver saw of one request. */
    private record Received(String method, String path, String contentType, String authorization, int bytes) {
    }

    @Test
    void sendsEachTickAsOneOtlpHttpProtobufRequest() throws IOException {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = receiver(received, 200);
        try {
            URI base = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort());
            try (SimulatedCluster cluster = SimulatedCluster.start(base, Optional.of(TestCredentials.INGEST_TOKEN),
                    42)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (received.isEmpty() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertThat(cluster.plan()).isEqualTo(ClusterPlan.generate(42));
            }
        } finally {
            receiver.stop(0);
        }
        assertThat(received).first().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/v1/metrics");
            assertThat(r.contentType()).isEqualTo("application/x-protobuf");
            assertThat(r.authorization()).isEqualTo(TestCredentials.ingestAuthorization());
            assertThat(r.bytes()).isGreaterThan(10_000);
        });
    }

    @Test
    void sendReportsARefusedTick() throws IOException {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = receiver(received, 400);
        try (var exporter = OtlpHttpMetricExporter.builder()
                .setEndpoint("http://127.0.0.1:" + receiver.getAddress().getPort() + "/v1/metrics").build()) {
            assertThatThrownBy(() -> SimulatedCluster.send(exporter, ClusterPlan.generate(1), 0, Instant.now()))
                    .isInstanceOf(IllegalStateException.class).hasMessage("the exporter did not deliver tick 0");
        } finally {
            receiver.stop(0);
        }
        assertThat(received).hasSize(1);
    }

    @Test
    void sendTellsARefusedIngestTokenApart() throws IOException {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = receiver(received, 401);
        try (var exporter = OtlpHttpMetricExporter.builder()
                .setEndpoint("http://127.0.0.1:" + receiver.getAddress().getPort() + "/v1/metrics").build()) {
            assertThatThrownBy(() -> SimulatedCluster.send(exporter, ClusterPlan.generate(1), 0, Instant.now()))
                    .isInstanceOf(IngestTokenRefusedException.class).hasMessageContaining("set VIGIL_INGEST_TOKEN");
        } finally {
            receiver.stop(0);
        }
    }

    private static HttpServer receiver(List<Received> received, int status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestHeaders().getFirst("Authorization"), body.length));
                exchange.sendResponseHeaders(status, -1);
            }
        });
        server.start();
        return server;
    }
}
