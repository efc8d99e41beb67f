package dev.vigil.ingest.receive;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads back what the receiver published, with a real consumer from the start of the topic. */
final class PublishedRecords {
    static final Duration WITHIN = Duration.ofSeconds(30);

    private PublishedRecords() {
    }

    /** Every record of the topic that matches, once at least {@code atLeast} did (or the wait is over). */
    static List<ConsumerRecord<byte[], byte[]>> read(String bootstrapServers, String topic,
            Predicate<ConsumerRecord<byte[], byte[]>> matches, int atLeast) {
        return read(bootstrapServers, topic, matches, found -> found.size() >= atLeast);
    }

    /** The topic's partition count, as a client sees it. */
    static int partitions(String bootstrapServers, String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            return consumer.partitionsFor(topic).size();
        }
    }

    /** Every record of the topic that matches, once what was found is {@code enough} (or the wait is over). */
    static List<ConsumerRecord<byte[], byte[]>> read(String bootstrapServers, String topic,
            Predicate<ConsumerRecord<byte[], byte[]>> matches, Predicate<List<ConsumerRecord<byte[], byte[]>>> enough) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "receive-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WITHIN.toNanos();
            // Read on a little past the count, so that a record published twice would show.
            long settle = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settle)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (matches.test(record)) {
                        found.add(record);
                    }
                }
                if (enough.test(found) && settle == Long.MAX_VALUE) {
                    settle = System.nanoTime() + Duration.ofMillis(500).toNanos();
                }
            }
        }
        return found;
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static String key(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.key(), StandardCharsets.US_ASCII);
    }
}
