package dev.vigil.ingest.consume;

import dev.vigil.contracts.Headers;
import dev.vigil.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

/**
 * Sends what a consumer loop sets aside to {@code vigil.deadletter}: the record as it was, its own
 * headers, and two more saying why it was set aside and which topic it came from (replacing any such
 * pair from an earlier trip). {@link #publish} returns only once Kafka acknowledged every letter,
 * because the loop commits the originals right after.
 */
public final class DeadLetterPublisher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);
    /** Reasons quote exception messages; a header is no place for a stack of them. */
    private static final int MAX_REASON_CHARS = 1_000;

    private final KafkaProducer<byte[], byte[]> producer;

    public DeadLetterPublisher(Map<String, Object> kafka) {
        Map<String, Object> c = new HashMap<>(kafka);
        c.put(ProducerConfig.CLIENT_ID_CONFIG, "vigil-deadletter");
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

    /** Whether Kafka acknowledged all of them; false when it did not in time (the caller tries again later). */
    public boolean publish(List<DeadLetter> letters) throws InterruptedException {
        List<Future<RecordMetadata>> sent = new ArrayList<>(letters.size());
        try {
            for (DeadLetter letter : letters) {
                sent.add(producer.send(letter(letter.record(), letter.reason())));
            }
            long deadline = System.nanoTime() + ACK_TIMEOUT.plusSeconds(1).toNanos();
            for (Future<RecordMetadata> f : sent) {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            return true;
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            LOG.debugf("Dead letters not acknowledged: %s", e.getMessage());
            return false;
        }
    }

    private static ProducerRecord<byte[], byte[]> letter(ConsumerRecord<byte[], byte[]> record, String reason) {
        List<Header> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            if (!header.key().equals(Headers.DEADLETTER_REASON) && !header.key().equals(Headers.DEADLETTER_SOURCE_TOPIC)) {
                headers.add(header);
            }
        }
        String shortReason = reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) + "…" : reason;
        headers.add(new RecordHeader(Headers.DEADLETTER_REASON, shortReason.getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader(Headers.DEADLETTER_SOURCE_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(Topics.DEADLETTER, null, record.key(), record.value(), headers);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
