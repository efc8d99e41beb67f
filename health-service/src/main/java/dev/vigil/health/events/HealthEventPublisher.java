package dev.vigil.health.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.contracts.Topics;
import dev.vigil.health.status.StatusChange;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Publishes every {@link StatusChange} on {@link Topics#HEALTH}, keyed by its subject so that one subject's
 * changes stay in order on one partition. Sending happens on a thread of its own, in the order the changes came:
 * a send waits while the broker is away, and neither the probes nor the HTTP threads may wait with it. The
 * producer is idempotent with {@code acks=all} and keeps retrying for {@code vigil.health.events.delivery-timeout},
 * so a change seen while Kafka was down is delivered once it is back.
 */
@Startup
@Singleton
final class HealthEventPublisher {

    private final EventsConfig config;
    private final ObjectMapper json;
    private final Producer<String, String> producer;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "health-events");
        thread.setDaemon(true);
        return thread;
    });
    private final Counter published;
    private final Counter failed;

    HealthEventPublisher(EventsConfig config, ObjectMapper json, MeterRegistry metrics,
            @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrap) {
        this.config = config;
        this.json = json;
        if (config.deliveryTimeout().toMillis() < 1_000) {
            throw new IllegalStateException("vigil.health.events.delivery-timeout must be at least 1s, was "
                    + config.deliveryTimeout());
        }
        this.published = Counter.builder("vigil.health.events.published")
                .description("Health events the broker acknowledged").register(metrics);
        this.failed = Counter.builder("vigil.health.events.failed")
                .description("Health events given up on").register(metrics);
        if (!config.enabled()) {
            this.producer = null;
            return;
        }
        int deliveryMillis = (int) Math.min(Integer.MAX_VALUE, config.deliveryTimeout().toMillis());
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.CLIENT_ID_CONFIG, "vigil-health-events",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryMillis,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(30_000, deliveryMillis),
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, deliveryMillis,
                ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000),
                new StringSerializer(), new StringSerializer());
    }

    void publish(@Observes StatusChange change) {
        if (producer == null) {
            return;
        }
        String body;
        try {
            body = json.writeValueAsString(HealthEvent.of(change, config.source()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a health event as JSON", e);
        }
        sender.execute(() -> {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.HEALTH, change.subject(), body);
            record.headers().add("content-type", HealthEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            try {
                producer.send(record, (metadata, failure) -> {
                    if (failure == null) {
                        published.increment();
                    } else {
                        failed.increment();
                        Log.warnf("health event for %s (%s) was not delivered: %s", change.subject(), change.status(),
                                failure.toString());
                    }
                });
            } catch (RuntimeException e) {
                failed.increment();
                Log.warnf("health event for %s (%s) was not sent: %s", change.subject(), change.status(), e.toString());
            }
        });
    }

    @PreDestroy
    void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
