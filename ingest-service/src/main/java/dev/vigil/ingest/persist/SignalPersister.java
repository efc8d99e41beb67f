package dev.vigil.ingest.persist;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.contracts.Headers;
import dev.vigil.contracts.Topics;
import dev.vigil.ingest.clickhouse.ClickHouseInsertException;
import dev.vigil.store.error.ClickHouseFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
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
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * The persist stage of one signal: one thread with its own consumer (group
 * {@code <prefix>-<signal id>}) that reads the signal's topic, turns each partition's records into a
 * batch of rows, stores the batch through the signal's {@link SignalStore} in one insert per table,
 * and commits the partition's offset only after ClickHouse confirmed it.
 *
 * <p>Nothing read is lost: a failed insert is retried with growing pauses while the consumer is
 * paused (and keeps its partitions), and a record that cannot be decoded, or a batch ClickHouse
 * refuses as data, goes to {@code vigil.deadletter} before its offset is committed. Nothing is stored
 * twice: see {@link CommitMetadata} and {@link DedupToken}. A record whose pipeline says
 * {@code vigil-store: false} is committed without being stored.
 *
 * @param <R> the rows one record decodes to
 */
final class SignalPersister<R> {
    private static final Logger LOG = Logger.getLogger(SignalPersister.class);
    private static final Duration MAX_POLL_WAIT = Duration.ofMillis(100);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);
    static final String DEFAULT_PIPELINE = "default";

    private final PersistConfig config;
    private final Map<String, Object> kafka;
    private final SignalStore<R> store;
    private final String topic;
    private final String groupId;
    private final String name;
    private final DeadLetterPublisher deadLetters;
    private final MeterRegistry registry;
    private final Counter storedItems;
    private final Counter storedBatches;
    private final Counter deadLettered;
    private final Counter insertRetries;

    private volatile boolean running;
    private volatile Throwable failure;
    private Thread thread;
    private KafkaConsumer<byte[], byte[]> consumer;

    // Touched by the persist thread only (rebalance callbacks run inside its poll).
    private final Map<TopicPartition, PartitionBatch<R>> batches = new HashMap<>();
    private final Map<TopicPartition, OptionalLong> boundaries = new HashMap<>();
    private final Set<TopicPartition> owned = new HashSet<>();
    private final Map<String, Counter> storedByPipeline = new HashMap<>();
    private boolean pausedForRetry;

    /**
     * @param topic the topic to read; the signal's own topic except in tests that must not share one
     * @param groupId the consumer group, whose committed offsets and pending markers this persister keeps
     */
    SignalPersister(PersistConfig config, Map<String, Object> kafka, SignalStore<R> store, String topic,
            String groupId, int instance, DeadLetterPublisher deadLetters, MeterRegistry registry) {
        this.config = config;
        this.kafka = kafka;
        this.store = store;
        this.topic = topic;
        this.groupId = groupId;
        this.name = "vigil-persist-" + store.signal().id() + "-" + instance;
        this.deadLetters = deadLetters;
        this.registry = registry;
        this.storedItems = counter("vigil.ingest.items.stored", "Spans, log records or data points ClickHouse confirmed");
        this.storedBatches = counter("vigil.ingest.batches.stored", "Batches ClickHouse confirmed");
        this.deadLettered = counter("vigil.ingest.records.deadlettered",
                "Kafka records sent to vigil.deadletter instead of being stored");
        this.insertRetries = counter("vigil.ingest.insert.retries", "Inserts that failed and were retried");
    }

    private Counter counter(String metric, String description) {
        return Counter.builder(metric).tag("signal", store.signal().id()).description(description).register(registry);
    }

    /** Starts the thread; the caller validated the config and brought the schema up to date. */
    void start() {
        consumer = new KafkaConsumer<>(consumerConfig());
        running = true;
        thread = Thread.ofPlatform().name(name).start(this::run);
    }

    /** Stops reading; batches not yet committed are read again by whoever reads the partition next. */
    void stop() throws InterruptedException {
        if (thread == null) {
            return;
        }
        running = false;
        consumer.wakeup();
        if (!thread.join(SHUTDOWN_WAIT)) {
            LOG.warnf("%s did not stop within %s; uncommitted batches will be read again", name, SHUTDOWN_WAIT);
        }
    }

    SignalStore<R> store() {
        return store;
    }

    /** Whether the thread runs; false before start-up and after it failed. */
    boolean isRunning() {
        return running && failure == null;
    }

    /** Why the thread stopped, if it stopped on its own. */
    Throwable failure() {
        return failure;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> c = new HashMap<>(kafka);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
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
            consumer.subscribe(List.of(topic), new Rebalance());
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
        LOG.errorf(e, "%s stopped; %s are not stored until the service restarts", name, store.signal().id());
    }

    private void accept(ConsumerRecords<byte[], byte[]> records) throws InterruptedException {
        for (TopicPartition tp : records.partitions()) {
            for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
                // A flush below may wait through a rebalance that takes the partition away.
                if (!owned.contains(tp)) {
                    break;
                }
                PartitionBatch<R> batch = batchOf(tp);
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

    private PartitionBatch<R> batchOf(TopicPartition tp) {
        return batches.computeIfAbsent(tp, p -> new PartitionBatch<>(p.topic(), p.partition(),
                boundaries.getOrDefault(p, OptionalLong.empty())));
    }

    private void decodeInto(PartitionBatch<R> batch, ConsumerRecord<byte[], byte[]> record) {
        long now = System.nanoTime();
        if (!isStored(record)) {
            batch.addNotStored(record, now);
            return;
        }
        if (record.value() == null) {
            batch.addDeadLetter(record, "the record has no value", now);
            return;
        }
        R rows;
        try {
            rows = store.decode(record.value());
        } catch (InvalidProtocolBufferException e) {
            batch.addDeadLetter(record, "not an OTLP " + requestName() + ": " + e.getMessage(), now);
            return;
        }
        batch.add(record, rows, store.items(rows), now);
    }

    private String requestName() {
        return switch (store.signal()) {
            case TRACES -> "ExportTraceServiceRequest";
            case METRICS -> "ExportMetricsServiceRequest";
            case LOGS -> "ExportLogsServiceRequest";
        };
    }

    /** {@code vigil-store: false} marks a record its pipeline only forwards; anything else is stored. */
    static boolean isStored(ConsumerRecord<byte[], byte[]> record) {
        Header store = record.headers().lastHeader(Headers.STORE);
        return store == null || !"false".equalsIgnoreCase(new String(store.value(), StandardCharsets.UTF_8).strip());
    }

    static String pipeline(ConsumerRecord<byte[], byte[]> record) {
        Header pipeline = record.headers().lastHeader(Headers.PIPELINE);
        if (pipeline == null || pipeline.value() == null || pipeline.value().length == 0) {
            return DEFAULT_PIPELINE;
        }
        return new String(pipeline.value(), StandardCharsets.UTF_8);
    }

    private void flushDue() throws InterruptedException {
        long now = System.nanoTime();
        long linger = config.linger().toNanos();
        for (Map.Entry<TopicPartition, PartitionBatch<R>> e : new ArrayList<>(batches.entrySet())) {
            if (e.getValue().isDue(config.batchItems(), linger, now) && batches.get(e.getKey()) == e.getValue()) {
                flush(e.getKey(), e.getValue());
            }
        }
    }

    /**
     * Marks, stores, dead-letters and commits one batch. Returns false when it gave up because the
     * partition was taken away or the service stops; the batch then stays uncommitted and is read again.
     */
    private boolean flush(TopicPartition tp, PartitionBatch<R> batch) throws InterruptedException {
        batches.remove(tp);
        boundaries.remove(tp);
        boolean hasRows = batch.items() > 0;
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
                    for (PartitionBatch.Decoded<R> d : batch.decoded()) {
                        setAside.add(new PartitionBatch.DeadLetter(d.record(), refused.reason()));
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
        if (hasRows && setAside.size() == batch.deadLetters().size()) {
            storedBatches.increment();
            storedItems.increment(batch.items());
            countPerPipeline(batch);
        }
        LOG.debugf("Batch %s done: %d %s stored, %d records dead-lettered", batch.dedupToken(), batch.items(),
                store.signal().id(), setAside.size());
        return true;
    }

    /**
     * Leaves a batch uncommitted. If the partition is still this consumer's (a commit can fail in a
     * rebalance that hands the partition back), the consumer rewinds to the batch and cuts it at the
     * same offsets again; otherwise the new owner reads it from the committed offset.
     */
    /** Counted once the batch is committed, so a batch stored again after a rebalance counts once per commit. */
    private void countPerPipeline(PartitionBatch<R> batch) {
        for (PartitionBatch.Decoded<R> d : batch.decoded()) {
            if (d.items() > 0) {
                storedByPipeline.computeIfAbsent(pipeline(d.record()), p -> Counter.builder("vigil.pipeline.items")
                        .tag("signal", store.signal().id()).tag("pipeline", p).tag("outcome", "stored")
                        .description("Items of a pipeline that ClickHouse confirmed").register(registry))
                        .increment(d.items());
            }
        }
    }

    private boolean abandon(TopicPartition tp, PartitionBatch<R> batch) {
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

    private InsertResult insert(TopicPartition tp, PartitionBatch<R> batch) throws InterruptedException {
        Duration backoff = config.retryInitialBackoff();
        while (running && owned.contains(tp)) {
            try {
                store.insert(batch.rows(), batch.dedupToken());
                return new Stored();
            } catch (ClickHouseInsertException e) {
                if (ClickHouseFailure.of(e).kind() == ClickHouseFailure.Kind.PER_ROW) {
                    LOG.errorf("ClickHouse refused batch %s as data; its %d records go to %s: %s", batch.dedupToken(),
                            batch.decoded().size(), Topics.DEADLETTER, e.getMessage());
                    return new Refused("ClickHouse refused batch " + batch.dedupToken() + ": " + e.getMessage());
                }
                // Retryable and permanent failures alike: a permanent one (say, a table without a column the insert
                // names) is no fault of the rows, and dead-lettering would throw them away until an operator fixes it.
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
