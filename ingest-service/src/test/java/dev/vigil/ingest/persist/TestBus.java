package dev.vigil.ingest.persist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.contracts.Headers;
import dev.vigil.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Publishes OTLP records the way the receive stage does, and reads the dead-letter topic, for persist tests. */
final class TestBus {
    static final Duration WITHIN = Duration.ofSeconds(30);

    private final String bootstrapServers;

    TestBus(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** The receive stage's headers: tenant, receive time, pipeline and whether to store. */
    static List<Header> headers(String pipeline, boolean store) {
        List<Header> headers = new ArrayList<>();
        headers.add(new RecordHeader(Headers.TENANT, bytes("default")));
        headers.add(new RecordHeader(Headers.RECEIVED_AT, bytes(Long.toString(System.currentTimeMillis() * 1_000_000L))));
        headers.add(new RecordHeader(Headers.PIPELINE, bytes(pipeline)));
        headers.add(new RecordHeader(Headers.STORE, bytes(Boolean.toString(store))));
        return headers;
    }

    /** Sends the values in order with one key, so they land on one partition in this order; returns once acknowledged. */
    void publish(String topic, String key, List<byte[]> values, List<Header> headers) {
        publish(topic, null, key, values, headers);
    }

    /** Sends the values in order to the given partition, or to the key's when it is null. */
    void publish(String topic, Integer partition, String key, List<byte[]> values, List<Header> headers) {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(topic, partition, bytes(key), value, headers)).get();
            }
        } catch (Exception e) {
            throw new AssertionError("publishing to " + topic + " failed", e);
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    Map<String, Object> kafka() {
        return Map.of("bootstrap.servers", bootstrapServers);
    }

    ConsumerRecord<byte[], byte[]> deadLetter(String key) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + key);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DEADLETTER));
            long deadline = System.nanoTime() + WITHIN.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && key.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no dead letter with key " + key + " within " + WITHIN);
    }

    /**
     * Every dead letter with this key from this source topic, read until the first arrived and a few
     * seconds more, so that a letter sent twice would be seen.
     */
    List<ConsumerRecord<byte[], byte[]>> deadLetters(String key, String sourceTopic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + key + "-" + System.nanoTime());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DEADLETTER));
            long deadline = System.nanoTime() + WITHIN.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && key.equals(new String(record.key(), StandardCharsets.UTF_8))
                            && sourceTopic.equals(header(record, Headers.DEADLETTER_SOURCE_TOPIC))) {
                        if (found.isEmpty()) {
                            deadline = Math.min(deadline, System.nanoTime() + Duration.ofSeconds(3).toNanos());
                        }
                        found.add(record);
                    }
                }
            }
        }
        assertThat(found).as("dead letters with key " + key).isNotEmpty();
        return found;
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        assertThat(record.headers().lastHeader(name)).as(name).isNotNull();
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
