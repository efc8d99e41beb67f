package dev.vigil.ingest.receive;

import dev.vigil.ingest.kafka.NativeLz4;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes OTLP records to Kafka for every signal, with an idempotent producer that waits for all
 * in-sync replicas. {@link #publish} completes only when Kafka acknowledged every record of the
 * call, and fails when any record failed or was not acknowledged within the publish timeout.
 */
@Startup
@Singleton
final class OtlpPublisher implements AutoCloseable {
    private static final long LINGER_MS = 5;

    private static final long PARTITIONS_TTL_NANOS = Duration.ofMinutes(1).toNanos();

    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<String, PartitionCount> partitionCounts = new ConcurrentHashMap<>();

    OtlpPublisher(ReceiveConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        if (config.enabled()) {
            ReceiveConfig.validate(config);
            NativeLz4.load();
            this.producer = new KafkaProducer<>(producerConfig(config, kafka));
        } else {
            this.producer = null;
        }
    }

    static Map<String, Object> producerConfig(ReceiveConfig config, Map<String, Object> kafka) {
        long timeoutMs = config.publishTimeout().toMillis();
        Map<String, Object> c = new HashMap<>(kafka);
        c.put(ProducerConfig.CLIENT_ID_CONFIG, "vigil-receive");
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.kafkaCompression());
        c.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        // Room for headers and the record's framing on top of the value.
        c.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, config.maxRecordBytes() + 64 * 1024);
        // The receiver bounds what it hands over (max-in-flight-bytes), so the producer's buffer never has
        // to make send() wait for room: back-pressure is the receiver's answer, not a blocked thread.
        c.put(ProducerConfig.BUFFER_MEMORY_CONFIG,
                Math.max(32L * 1024 * 1024, config.maxInFlightBytes() + 2L * config.maxRecordBytes()));
        // The producer gives up when the client would be told to retry anyway; Kafka requires
        // delivery.timeout.ms >= linger.ms + request.timeout.ms.
        c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        c.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (timeoutMs - LINGER_MS));
        c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return c;
    }

    /**
     * Sends the records and completes once Kafka acknowledged all of them. Call it from a worker
     * thread: {@code send} blocks while the producer waits for the topic's metadata.
     */
    CompletionStage<Void> publish(String topic, List<OtlpRecord> records, List<Header> headers) {
        if (producer == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the receive stage is off"));
        }
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        if (records.isEmpty()) {
            acknowledged.complete(null);
            return acknowledged;
        }
        AtomicInteger pending = new AtomicInteger(records.size());
        for (OtlpRecord record : records) {
            if (acknowledged.isDone()) {
                break;
            }
            try {
                Integer partition = record.partition() == OtlpRecord.BY_KEY ? null : record.partition();
                producer.send(new ProducerRecord<>(topic, partition, record.key(), record.value(), headers),
                        (metadata, failure) -> {
                            if (failure != null) {
                                acknowledged.completeExceptionally(failure);
                            } else if (pending.decrementAndGet() == 0) {
                                acknowledged.complete(null);
                                refreshPartitions(topic);
                            }
                        });
            } catch (RuntimeException e) {
                acknowledged.completeExceptionally(e);
            }
        }
        return acknowledged;
    }

    /**
     * The topic's partition count as last read from the producer's metadata, or 0 while it is not
     * known yet. Never waits: the count is read again, at most once a minute per topic (partitions can
     * be added while Vigil runs), after a publish to the topic was acknowledged, when the metadata is
     * at hand. Until then records go by key, which lands each key on the same partition.
     */
    int partitions(String topic) {
        PartitionCount known = partitionCounts.get(topic);
        return known == null ? 0 : known.count();
    }

    private void refreshPartitions(String topic) {
        PartitionCount known = partitionCounts.get(topic);
        long now = System.nanoTime();
        if (known != null && now - known.readAt() < PARTITIONS_TTL_NANOS) {
            return;
        }
        partitionCounts.put(topic, new PartitionCount(known == null ? 0 : known.count(), now));
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                partitionCounts.put(topic, new PartitionCount(producer.partitionsFor(topic).size(), now));
            } catch (RuntimeException e) {
                // Kafka stopped answering since the acknowledgement; the next one reads it again.
                partitionCounts.remove(topic);
            }
        });
    }

    private record PartitionCount(int count, long readAt) {
    }

    @PreDestroy
    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
