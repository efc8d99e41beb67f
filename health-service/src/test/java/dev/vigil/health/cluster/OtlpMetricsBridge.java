package dev.vigil.health.cluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.contracts.Headers;
import dev.vigil.contracts.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for ingest-service's OTLP/HTTP metrics receiver, which this version of ingest-service does not have
 * yet (it receives traces only; its persist stage stores metrics): accepts {@code POST /v1/metrics} with an
 * {@code ExportMetricsServiceRequest} in protobuf and does what the receiver does with it, put it on
 * {@code vigil.otlp.metrics} and answer 200 once Kafka acknowledged it ({@code acks=all}). The packaged
 * ingest-service's persist stage takes it from there. Every request is counted and checked: anything else is
 * answered 400 and counted as refused.
 */
final class OtlpMetricsBridge implements AutoCloseable {

    private final HttpServer server;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicInteger forwarded = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    OtlpMetricsBridge(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new ByteArraySerializer(), new ByteArraySerializer());
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String metricsUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/metrics";
    }

    int forwarded() {
        return forwarded.get();
    }

    int refused() {
        return refused.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean otlp = "POST".equals(exchange.getRequestMethod())
                    && "/v1/metrics".equals(exchange.getRequestURI().getPath())
                    && "application/x-protobuf".equals(exchange.getRequestHeaders().getFirst("Content-Type"))
                    && exchange.getRequestHeaders().getFirst("Content-Encoding") == null
                    && body.length > 0;
            if (!otlp) {
                refused.incrementAndGet();
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.OTLP_METRICS, body);
            record.headers().add(Headers.TENANT, "default".getBytes(StandardCharsets.UTF_8));
            record.headers().add(Headers.RECEIVED_AT,
                    Long.toString(System.currentTimeMillis() * 1_000_000L).getBytes(StandardCharsets.UTF_8));
            try {
                producer.send(record).get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(503, -1);
                return;
            } catch (ExecutionException | TimeoutException e) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            forwarded.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            // An empty ExportMetricsServiceResponse: everything accepted.
            exchange.sendResponseHeaders(200, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        producer.close();
    }
}
