package dev.vigil.ingest.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.contracts.Signal;
import dev.vigil.contracts.Topics;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

/**
 * Tells the platform that the pipelines changed: a CloudEvents 1.0 event in structured JSON mode on
 * {@link Topics#CONFIG}. The producer is made on the first event, so an installation that never
 * reloads never connects for it.
 */
@Singleton
final class ConfigEventPublisher {
    static final String TYPE = "dev.vigil.pipeline.reloaded";
    static final String SOURCE = "/vigil/ingest-service/pipelines";
    private static final Logger LOG = Logger.getLogger(ConfigEventPublisher.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Object> kafka;
    private KafkaProducer<byte[], byte[]> producer;

    ConfigEventPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.kafka = Map.copyOf(kafka);
    }

    /** Sends the event without waiting: a reload is in force whether or not Kafka took its announcement. */
    void publish(PipelinesReloaded reloaded) {
        byte[] event = cloudEvent(reloaded, UUID.randomUUID().toString(), Instant.now());
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.CONFIG, null,
                "pipelines".getBytes(StandardCharsets.UTF_8), event,
                List.of(new RecordHeader("content-type",
                        "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8))));
        producer().send(record, (metadata, failure) -> {
            if (failure != null) {
                LOG.warnf("The pipelines reload was not announced on %s: %s", Topics.CONFIG, failure.getMessage());
            }
        });
    }

    static byte[] cloudEvent(PipelinesReloaded reloaded, String id, Instant time) {
        ObjectNode event = JSON.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", id);
        event.put("source", SOURCE);
        event.put("type", TYPE);
        event.put("time", time.toString());
        event.put("datacontenttype", "application/json");
        ObjectNode data = event.putObject("data");
        for (Signal signal : Signal.values()) {
            data.putArray(signal.id()).addAll(reloaded.pipelines().getOrDefault(signal, List.of()).stream()
                    .map(data::textNode).toList());
        }
        try {
            return JSON.writeValueAsBytes(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Map<String, Object> c = new HashMap<>(kafka);
            c.put(ProducerConfig.CLIENT_ID_CONFIG, "vigil-pipelines");
            c.put(ProducerConfig.ACKS_CONFIG, "all");
            c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            producer = new KafkaProducer<>(c);
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
