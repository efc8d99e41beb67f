package dev.vigil.ingest.persist;

import dev.vigil.contracts.Headers;
import dev.vigil.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends what the persist stage cannot store to {@code vigil.deadletter}: the record as it was, its
 * headers, and two more saying where it came from and why it was set aside.
 */
final class DeadLetterPublisher implements AutoCloseable {
    /** Reasons quote exception messages; a header is no place for a stack of them. */
    private static final int MAX_REASON_CHARS = 1_000;

    private final KafkaProducer<byte[], byte[]> producer;

    DeadLetterPublisher(Map<String, Object> kafka) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "vigil-persist-deadletter");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(config);
    }

    /** Completes once Kafka acknowledged the dead letter; only then may the source offset be committed. */
    Future<RecordMetadata> send(ConsumerRecord<byte[], byte[]> record, String reason) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        String shortReason = reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) + "…" : reason;
        headers.add(Headers.DEADLETTER_REASON, shortReason.getBytes(StandardCharsets.UTF_8));
        headers.add(Headers.DEADLETTER_SOURCE_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
        return producer.send(new ProducerRecord<>(Topics.DEADLETTER, null, record.key(), record.value(), headers));
    }

    @Override
    public void close() {
        producer.close();
    }
}
