package dev.vigil.ingest.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.devstack.testing.SharedDevStack;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The loop on the real Kafka broker, with handlers that fail in the ways the persist and forward stages can. */
class ConsumerLoopTest {
    private static final Duration WITHIN = Duration.ofSeconds(30);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String topic = "test.loop." + run;
    private Map<String, Object> kafka;
    private DeadLetterPublisher deadLetters;
    private ConsumerLoop<String> loop;

    @BeforeEach
    void connect() {
        kafka = Map.of("bootstrap.servers", SharedDevStack.get().kafkaBootstrapServers());
        deadLetters = new DeadLetterPublisher(kafka);
    }

    @AfterEach
    void close() throws InterruptedException {
        if (loop != null) {
            loop.stop(Duration.ofSeconds(20));
        }
        deadLetters.close();
    }

    @Test
    void restartsAWorkerThatDiedOfAnErrorAndHandsTheUncommittedBatchOverAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<String> done = new CopyOnWriteArrayList<>();
        // Published first, so that the first poll reads all three into one batch.
        publish("a", "b", "c");
        loop = start(new Handler() {
            @Override
            public Outcome handle(Batch<String> batch) {
                if (calls.incrementAndGet() == 1) {
                    throw new StackOverflowError("as deep recursion in a handler would");
                }
                batch.entries().forEach(e -> done.add(e.value()));
                return Outcome.done(List.of());
            }
        });

        await().atMost(WITHIN).untilAsserted(() -> assertThat(committed()).isEqualTo(3));
        assertThat(done).containsExactly("a", "b", "c");
        assertThat(loop.lastFailure()).isInstanceOf(StackOverflowError.class);
        assertThat(restarts()).isEqualTo(1);
        assertThat(loop.isRunning()).isTrue();
    }

    @Test
    void isNotRunningWhileItWaitsToRestartAndRunsAgainAfter() throws Exception {
        loop = new ConsumerLoop<>(settings(), kafka, new Handler(), deadLetters,
                new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(2)), registry);
        loop.start();
        await().atMost(WITHIN).until(loop::isRunning);

        worker().interrupt();

        await().atMost(Duration.ofSeconds(2)).until(() -> !loop.isRunning());
        await().atMost(WITHIN).until(loop::isRunning);
        assertThat(restarts()).isEqualTo(1);
        publish("after");
        await().atMost(WITHIN).untilAsserted(() -> assertThat(committed()).isEqualTo(1));
    }

    @Test
    void retriesABatchCutAtTheSameOffsetsWithItsPartitionPaused() throws Exception {
        List<String> tokens = new CopyOnWriteArrayList<>();
        List<Long> at = new CopyOnWriteArrayList<>();
        publish("a", "b");
        loop = start(new Handler() {
            @Override
            public Outcome handle(Batch<String> batch) {
                tokens.add(batch.dedupToken() + "=" + batch.entries().stream().map(Batch.Entry::value).toList());
                at.add(System.nanoTime());
                return tokens.size() < 3 ? Outcome.retry("not yet") : Outcome.done(List.of());
            }
        });

        await().atMost(WITHIN).untilAsserted(() -> assertThat(committed()).isEqualTo(2));
        assertThat(tokens).hasSize(3).containsOnly(topic + ":0:0-1=[a, b]");
        // Back-off 100 ms then 200 ms, each less at most half by jitter.
        assertThat(at.get(1) - at.get(0)).isGreaterThanOrEqualTo(50_000_000L);
        assertThat(at.get(2) - at.get(1)).isGreaterThanOrEqualTo(100_000_000L);
        assertThat(restarts()).isZero();
    }

    @Test
    void deadLettersWhatTheHandlerRefusesAndCommitsPastIt() throws Exception {
        loop = start(new Handler() {
            @Override
            public Outcome handle(Batch<String> batch) {
                return Outcome.done(batch.entries().stream().filter(e -> e.value().startsWith("bad"))
                        .map(e -> new DeadLetter(e.record(), "refused: " + e.value())).toList());
            }
        });
        publish("good", "bad-" + run, "good");

        await().atMost(WITHIN).untilAsserted(() -> assertThat(committed()).isEqualTo(3));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.get("bootstrap.servers"),
                ConsumerConfig.GROUP_ID_CONFIG, "test-deadletters-" + run,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(dev.vigil.contracts.Topics.DEADLETTER));
            await().atMost(WITHIN).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (new String(r.value(), StandardCharsets.UTF_8).equals("bad-" + run)) {
                        assertThat(new String(r.headers().lastHeader(dev.vigil.contracts.Headers.DEADLETTER_REASON)
                                .value(), StandardCharsets.UTF_8)).isEqualTo("refused: bad-" + run);
                        return true;
                    }
                }
                return false;
            });
        }
    }

    /** Reads each record's value as a string of weight 1. */
    private static class Handler implements RecordHandler<String> {
        @Override
        public Read<String> read(ConsumerRecord<byte[], byte[]> record) {
            return Read.item(new String(record.value(), StandardCharsets.UTF_8), 1);
        }

        @Override
        public Outcome handle(Batch<String> batch) throws InterruptedException {
            return Outcome.done(List.of());
        }
    }

    private LoopSettings settings() {
        return new LoopSettings("test-loop-" + run, "test-loop-" + run, List.of(topic), 100, BatchLimit.ofWeight(1_000),
                Duration.ofMillis(200), new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)), true);
    }

    private ConsumerLoop<String> start(Handler handler) {
        ConsumerLoop<String> l = new ConsumerLoop<>(settings(), kafka, handler, deadLetters,
                new Backoff(Duration.ofMillis(200), Duration.ofSeconds(1)), registry);
        l.start();
        return l;
    }

    private Thread worker() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("test-loop-" + run))
                .findFirst().orElseThrow();
    }

    private double restarts() {
        return registry.get("vigil.ingest.consumer.restarts").tag("loop", "test-loop-" + run).counter().count();
    }

    private void publish(String... values) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.get("bootstrap.servers"),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String v : values) {
                producer.send(new ProducerRecord<>(topic, 0, null, v.getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }

    private long committed() {
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.get("bootstrap.servers"),
                ConsumerConfig.GROUP_ID_CONFIG, "test-loop-" + run), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            OffsetAndMetadata offset = consumer.committed(Set.of(tp)).get(tp);
            return offset == null ? -1 : offset.offset();
        }
    }
}
