package dev.vigil.ingest.persist;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.contracts.Topics;
import dev.vigil.ingest.clickhouse.ClickHouseErrors;
import dev.vigil.ingest.clickhouse.ClickHouseInsertException;
import dev.vigil.ingest.clickhouse.SchemaMigrator;
import dev.vigil.ingest.clickhouse.TraceTableWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * The persist stage for traces: one thread that reads {@code vigil.otlp.traces}, turns each
 * partition's records into a batch of rows, inserts the batch into {@code otel_traces} in one insert,
 * and commits the partition's offset only after ClickHouse confirmed it.
 *
 * <p>Nothing read is lost: a failed insert is retried with growing pauses while the consumer is
 * paused (and keeps its partitions), and a record that cannot be decoded, or a batch ClickHouse
 * refuses as data, goes to {@code vigil.deadletter} before its offset is committed. Nothing is stored
 * twice: see {@link CommitMetadata} and {@link DedupToken}.
 */
@Singleton
final class TracePersister {
    private static final Logger LOG = Logger.getLogger(TracePersister.class);
    private static final Duration MAX_POLL_WAIT = Duration.ofMillis(100);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private final PersistConfig config;
    private final Map<String, Object> kafka;
    private final SchemaMigrator migrator;
    private final TraceTableWriter writer;
    private final Counter storedSpans;
    private final Counter storedBatches;
    private final Counter deadLettered;
    private final Counter insertRetries;

    private volatile boolean running;
    private volatile Throwable failure;
    private Thread thread;
    private KafkaConsumer<byte[], byte[]> consumer;
    private DeadLetterPublisher deadLetters;

    // Touched by the persist thread only (rebalance callbacks run inside its poll).
    private final Map<TopicPartition, PartitionBatch> batches = new HashMap<>();
    private final Map<TopicPartition, OptionalLong> boundaries = new HashMap<>();
    private final Set<TopicPartition> owned = new HashSet<>();
    private boolean pausedForRetry;

    TracePersister(PersistConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka,
            SchemaMigrator migrator, TraceTableWriter writer, MeterRegistry registry) {
        this.config = config;
        this.kafka = kafka;
        this.migrator = migrator;
        this.writer = writer;
        this.storedSpans = counter(registry, "vigil.ingest.spans.stored", "Spans ClickHouse confirmed");
        this.storedBatches = counter(registry, "vigil.ingest.batches.stored", "Inserts ClickHouse confirmed");
        this.deadLettered = counter(registry, "vigil.ingest.records.deadlettered",
                "Kafka records sent to vigil.deadletter instead of being stored");
        this.insertRetries = counter(registry, "vigil.ingest.insert.retries", "Inserts that failed and were retried");
    }

    private static Counter counter(MeterRegistry registry, String name, String description) {
        return Counter.builder(name).tag("signal", "traces").description(description).register(registry);
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Persist stage is off (vigil.ingest.persist.enabled=false)");
            return;
        }
        PersistConfig.validate(config);
        migrator.migrate();
        consumer = new KafkaConsumer<>(consumerConfig());
        deadLetters = new DeadLetterPublisher(kafka);
        running = true;
        thread = Thread.ofPlatform().name("vigil-persist-traces").start(this::run);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (thread == null) {
            return;
        }
        running = false;
        consumer.wakeup();
        if (!thread.join(SHUTDOWN_WAIT)) {
            LOG.warnf("The persist thread did not stop within %s; uncommitted batches will be read again", SHUTDOWN_WAIT);
        }
        deadLetters.close();
    }

    /** Whether the thread runs; false before start-up, when the stage is off, and after it failed. */
    boolean isRunning() {
        return running && failure == null;
    }

    /** Why the thread stopped, if it stopped on its own. */
    Throwable failure() {
        return failure;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> c = new HashMap<>(kafka);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "vigil-persist-traces");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return c;
    }

    private void run() {
        Duration pollWait = config.linger().compareTo(MAX_POLL_WAIT) < 0 ? config.linger() : MAX_POLL_WAIT;
        try {
            consumer.subscribe(List.of(Topics.OTLP_TRACES), new Rebalance());
            while (running) {
                accept(consumer.poll(pollWait));
                flushDue();
            }
        } catch (WakeupException e) {
            if (running) {
                fail(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (running) {
                fail(e);
            }
        } catch (RuntimeException | Error e) {
            fail(e);
        } finally {
            consumer.close();
        }
    }

    private void fail(Throwable e) {
        failure = e;
        LOG.error("The persist stage stopped; traces are not stored until the service restarts", e);
    }

    private void accept(ConsumerRecords<byte[], byte[]> records) throws InterruptedException {
        for (TopicPartition tp : records.partitions()) {
            for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
                // A flush below may wait through a rebalance that takes the partition away.
                if (!owned.contains(tp)) {
                    break;
                }
                PartitionBatch batch = batchOf(tp);
                if (!batch.accepts(record.offset())) {
                    if (!flush(tp, batch)) {
                        // The rest of this poll's records of the partition are read again after the batch.
                        break;
                    }
                    batch = batchOf(tp);
                }
                decodeInto(batch, record);
            }
        }
    }

    private PartitionBatch batchOf(TopicPartition tp) {
        return batches.computeIfAbsent(tp, p -> new PartitionBatch(p.topic(), p.partition(),
                boundaries.getOrDefault(p, OptionalLong.empty())));
    }

    private static void decodeInto(PartitionBatch batch, ConsumerRecord<byte[], byte[]> record) {
        long now = System.nanoTime();
        if (record.value() == null) {
            batch.addDeadLetter(record, "the record has no value", now);
            return;
        }
        ExportTraceServiceRequest request;
        try {
            request = ExportTraceServiceRequest.parseFrom(record.value());
        } catch (InvalidProtocolBufferException e) {
            batch.addDeadLetter(record, "not an OTLP ExportTraceServiceRequest: " + e.getMessage(), now);
            return;
        }
        batch.add(record, SpanRowMapper.rows(request), now);
    }

    private void flushDue() throws InterruptedException {
        long now = System.nanoTime();
        long linger = config.linger().toNanos();
        for (Map.Entry<TopicPartition, PartitionBatch> e : new ArrayList<>(batches.entrySet())) {
            if (e.getValue().isDue(config.batchSpans(), linger, now) && batches.get(e.getKey()) == e.getValue()) {
                flush(e.getKey(), e.getValue());
            }
        }
    }

    /**
     * Marks, stores, dead-letters and commits one batch. Returns false when it gave up because the
     * partition was taken away or the service stops; the batch then stays uncommitted and is read again.
     */
    private boolean flush(TopicPartition tp, PartitionBatch batch) throws InterruptedException {
        batches.remove(tp);
        boundaries.remove(tp);
        boolean hasRows = !batch.rows().isEmpty();
        if (hasRows && !commit(tp, new OffsetAndMetadata(batch.firstOffset(),
                CommitMetadata.pending(batch.lastOffset())))) {
            return abandon(tp, batch);
        }
        List<PartitionBatch.DeadLetter> setAside = new ArrayList<>(batch.deadLetters());
        if (hasRows) {
            switch (insert(tp, batch)) {
                case Stored stored -> {
                }
                case Refused refused -> {
                    for (ConsumerRecord<byte[], byte[]> record : batch.records()) {
                        setAside.add(new PartitionBatch.DeadLetter(record, refused.reason()));
                    }
                }
                case Abandoned abandoned -> {
                    return abandon(tp, batch);
                }
            }
        }
        if (!deadLetter(tp, setAside) || !commit(tp, new OffsetAndMetadata(batch.lastOffset() + 1))) {
            return abandon(tp, batch);
        }
        if (hasRows) {
            storedBatches.increment();
        }
        LOG.debugf("Batch %s done: %d spans stored, %d records dead-lettered", batch.dedupToken(),
                batch.rows().size(), setAside.size());
        return true;
    }

    /**
     * Leaves a batch uncommitted. If the partition is still this consumer's (a commit can fail in a
     * rebalance that hands the partition back), the consumer rewinds to the batch and cuts it at the
     * same offsets again; otherwise the new owner reads it from the committed offset.
     */
    private boolean abandon(TopicPartition tp, PartitionBatch batch) {
        if (running && consumer.assignment().contains(tp)) {
            consumer.seek(tp, batch.firstOffset());
            boundaries.put(tp, OptionalLong.of(batch.lastOffset()));
        }
        return false;
    }

    /** How an insert ended. */
    private sealed interface InsertResult permits Stored, Refused, Abandoned {
    }

    private record Stored() implements InsertResult {
    }

    /** ClickHouse rejected the rows themselves; trying again cannot help. */
    private record Refused(String reason) implements InsertResult {
    }

    /** The partition was taken away or the service is stopping; the batch stays uncommitted. */
    private record Abandoned() implements InsertResult {
    }

    private InsertResult insert(TopicPartition tp, PartitionBatch batch) throws InterruptedException {
        Duration backoff = config.retryInitialBackoff();
        while (running && owned.contains(tp)) {
            try {
                writer.insert(batch.rows(), batch.dedupToken());
                storedSpans.increment(batch.rows().size());
                return new Stored();
            } catch (ClickHouseInsertException e) {
                if (ClickHouseErrors.isPermanent(e)) {
                    LOG.errorf("ClickHouse refused batch %s as data; its %d records go to %s: %s", batch.dedupToken(),
                            batch.records().size(), Topics.DEADLETTER, e.getMessage());
                    return new Refused("ClickHouse refused batch " + batch.dedupToken() + ": " + e.getMessage());
                }
                insertRetries.increment();
                LOG.warnf("Insert of batch %s failed, trying again in %d ms with the consumer paused: %s",
                        batch.dedupToken(), backoff.toMillis(), e.getMessage());
                waitPaused(backoff);
                backoff = longer(backoff);
            }
        }
        return new Abandoned();
    }

    private boolean deadLetter(TopicPartition tp, List<PartitionBatch.DeadLetter> records) throws InterruptedException {
        Duration backoff = config.retryInitialBackoff();
        while (!records.isEmpty() && running && owned.contains(tp)) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
            for (PartitionBatch.DeadLetter u : records) {
                sent.add(deadLetters.send(u.record(), u.reason()));
            }
            try {
                for (Future<RecordMetadata> f : sent) {
                    f.get();
                }
                deadLettered.increment(records.size());
                return true;
            } catch (ExecutionException e) {
                LOG.warnf("Sending %d records of %s to %s failed, trying again in %d ms: %s", records.size(), tp,
                        Topics.DEADLETTER, backoff.toMillis(), e.getCause().getMessage());
                waitPaused(backoff);
                backoff = longer(backoff);
            }
        }
        return records.isEmpty();
    }

    /** False when the partition is no longer this consumer's; the batch is then read again by its new owner. */
    private boolean commit(TopicPartition tp, OffsetAndMetadata offset) throws InterruptedException {
        Duration backoff = config.retryInitialBackoff();
        while (running && owned.contains(tp)) {
            try {
                consumer.commitSync(Map.of(tp, offset));
                return true;
            } catch (CommitFailedException | RebalanceInProgressException e) {
                LOG.infof("%s moved to another consumer before offset %d was committed; it reads the batch again",
                        tp, offset.offset());
                return false;
            } catch (TimeoutException e) {
                LOG.warnf("Committing offset %d of %s timed out, trying again in %d ms", offset.offset(), tp,
                        backoff.toMillis());
                waitPaused(backoff);
                backoff = longer(backoff);
            }
        }
        return false;
    }

    private Duration longer(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(config.retryMaxBackoff()) > 0 ? config.retryMaxBackoff() : doubled;
    }

    /**
     * Waits with every partition paused, polling so the group keeps this consumer and its partitions.
     * Paused partitions return nothing; one assigned during the wait is paused too, and whatever it
     * returned before that is read again afterwards.
     */
    private void waitPaused(Duration pause) {
        consumer.pause(consumer.assignment());
        pausedForRetry = true;
        try {
            long deadline = System.nanoTime() + pause.toNanos();
            long left;
            while (running && (left = deadline - System.nanoTime()) > 0) {
                ConsumerRecords<byte[], byte[]> stray = consumer.poll(Duration.ofNanos(Math.min(left,
                        MAX_POLL_WAIT.toNanos())));
                for (TopicPartition p : stray.partitions()) {
                    consumer.seek(p, stray.records(p).getFirst().offset());
                }
            }
        } finally {
            pausedForRetry = false;
            consumer.resume(consumer.assignment());
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Uncommitted batches are dropped: the next owner reads them again from the committed offset.
            for (TopicPartition tp : partitions) {
                owned.remove(tp);
                batches.remove(tp);
                boundaries.remove(tp);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            owned.addAll(partitions);
            if (partitions.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
            int marked = 0;
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata offset = committed.get(tp);
                OptionalLong boundary = CommitMetadata.pendingLastOffset(offset == null ? null : offset.metadata());
                if (boundary.isPresent()) {
                    boundaries.put(tp, boundary);
                    marked++;
                }
            }
            if (marked > 0) {
                LOG.infof("%d of %d assigned partitions have a batch that may have been inserted but was not committed;"
                        + " it is cut at the same offsets again so ClickHouse stores it once", marked, partitions.size());
            }
            if (pausedForRetry) {
                consumer.pause(partitions);
            }
        }
    }
}
