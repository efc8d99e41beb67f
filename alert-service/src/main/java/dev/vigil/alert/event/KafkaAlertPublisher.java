package dev.vigil.alert.event;

import dev.vigil.alert.evaluate.Transition;
import dev.vigil.alert.evaluate.TransitionPublisher;
import dev.vigil.contracts.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Publishes state changes to {@code vigil.alerts}, keyed by rule and label set so that the changes of one
 * alert stay in order on one partition. Returns only after every record is acknowledged by all in-sync
 * replicas.
 */
@Singleton
public final class KafkaAlertPublisher implements TransitionPublisher {

    private final KafkaProducer<String, byte[]> producer;
    private final long timeoutMillis;

    KafkaAlertPublisher(KafkaConfig config) {
        this.timeoutMillis = config.publishTimeout().toMillis();
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeoutMillis, 1_000),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(timeoutMillis, 1_000),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMillis,
                ProducerConfig.CLIENT_ID_CONFIG, "vigil-alert-publisher"),
                new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void publish(List<Transition> transitions) throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (Transition transition : transitions) {
            AlertEvent event = CloudEvents.of(transition);
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.ALERTS, event.alertKey(),
                    CloudEvents.encode(event));
            record.headers().add("content-type", CloudEvents.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            sent.add(producer.send(record));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (Future<RecordMetadata> future : sent) {
            future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    @PreDestroy
    void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
