package dev.vigil.ingest.forward;

import dev.vigil.contracts.Headers;
import dev.vigil.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes records an endpoint refused for good to {@link Topics#DEADLETTER}, with their own headers
 * plus the reason and the topic they came from. {@link #publish} returns only once Kafka acknowledged
 * the record, because the forwarder commits the original right after.
 */
final class DeadLetters implements AutoCloseable {
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaProducer<byte[], byte[]> producer;

    DeadLetters(Map<String, Object> kafka) {
        Map<String, Object> c = new HashMap<>(kafka);
        c.put(ProducerConfig.CLIENT_ID_CONFIG, "vigil-forward-deadletter");
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ACK_TIMEOUT.toMillis());
        c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ACK_TIMEOUT.toMillis() - 1_000);
        c.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ACK_TIMEOUT.toMillis());
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(c);
    }

    /** Whether Kafka acknowledged the dead letter; false when it did not in time (the caller tries again). */
    boolean publish(ConsumerRecord<byte[], byte[]> record, String reason) throws InterruptedException {
        List<Header> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            if (!header.key().equals(Headers.DEADLETTER_REASON) && !header.key().equals(Headers.DEADLETTER_SOURCE_TOPIC)) {
                headers.add(header);
            }
        }
        headers.add(new RecordHeader(Headers.DEADLETTER_REASON, reason.getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader(Headers.DEADLETTER_SOURCE_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(new ProducerRecord<>(Topics.DEADLETTER, null, record.key(), record.value(), headers))
                    .get(ACK_TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            return false;
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
