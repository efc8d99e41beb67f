package dev.vigil.query;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.contracts.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Stands in for the OTLP/HTTP receiver's {@code /v1/logs} and {@code /v1/metrics} while the packaged
 * ingest-service serves traces only: it puts each export request, as the SDK's exporter sent it (protobuf), on the
 * signal's topic with {@code acks=all} and answers 200 only after Kafka acknowledged it. The persist stage of the
 * packaged ingest-service stores it from there, as it stores what the receiver publishes. Every request it saw is
 * counted, and any it could not publish fails the export.
 */
final class OtlpToKafka implements AutoCloseable {

    private static final Map<String, String> TOPICS = Map.of("/v1/logs", Topics.OTLP_LOGS,
            "/v1/metrics", Topics.OTLP_METRICS);

    private final HttpServer server;
    private final KafkaProducer<byte[], byte[]> producer;
    final AtomicInteger published = new AtomicInteger();

    OtlpToKafka(String bootstrapServers) throws IOException {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String topic = TOPICS.get(exchange.getRequestURI().getPath());
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (topic == null || !"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            try {
                producer.send(new ProducerRecord<>(topic, body)).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            published.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        producer.close();
    }
}
