package dev.vigil.ingest.consume;

import dev.vigil.ingest.kafka.NativeLz4;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * One at-least-once Kafka consumer, supervised. It polls, gathers each partition's records into a
 * {@link Batch}, hands a batch to its {@link RecordHandler} when full or old enough, and commits past
 * the batch only after the handler finished it and the dead letters it named were acknowledged.
 *
 * <p>When a batch cannot be finished yet (the handler asks to retry, the dead-letter topic or the commit
 * does not answer) only that partition is paused; after a back-off the consumer seeks back to the
 * batch and cuts it at the same offsets again, so its {@link Batch#dedupToken()} stays the same and
 * nothing is lost or stored twice. Partitions keep their place in the group while paused, because the
 * consumer keeps polling.
 *
 * <p>The consumer runs on a worker thread that a supervisor thread watches. Whatever ends the worker
 * other than {@link #stop} (any exception or error from Kafka, the handler, an interrupt) ends its
 * consumer too; the supervisor counts the restart ({@code vigil.ingest.consumer.restarts}), waits its
 * back-off and starts a new worker with a new consumer, which resumes from the committed offsets.
 * {@link #isRunning()} is false in between.
 *
 * @param <T> what the handler reads a record as
 */
public final class ConsumerLoop<T> {
    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);
    private static final Duration MAX_POLL_WAIT = Duration.ofMillis(100);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private static final Duration SUPERVISOR_SLICE = Duration.ofMillis(50);
    /** A worker that ran this long before it died was healthy: the next restart waits the least again. */
    private static final Duration HEALTHY_RUN = Duration.ofMinutes(1);

    private final LoopSettings settings;
    private final Map<String, Object> consumerConfig;
    private final RecordHandler<T> handler;
    private final DeadLetterPublisher deadLetters;
    private final Backoff restartBackoff;
    private final Counter restarts;

    private volatile boolean stopping;
    private volatile boolean running;
    private volatile Throwable lastFailure;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile Thread worker;
    private Thread supervisor;

    public ConsumerLoop(LoopSettings settings, Map<String, Object> kafka, RecordHandler<T> handler,
            DeadLetterPublisher deadLetters, Backoff restartBackoff, MeterRegistry registry) {
        this.settings = settings;
        this.handler = handler;
        this.deadLetters = deadLetters;
        this.restartBackoff = restartBackoff;
        this.restarts = Counter.builder("vigil.ingest.consumer.restarts").tag("loop", settings.name())
                .description("Consumer loop threads that died and were started again").register(registry);
        Map<String, Object> c = new HashMap<>(kafka);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.name());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumerConfig = Map.copyOf(c);
    }

    public String name() {
        return settings.name();
    }

    /** Starts the supervisor, which starts the first worker at once. */
    public synchronized void start() {
        if (supervisor != null) {
            throw new IllegalStateException(settings.name() + " was started before");
        }
        supervisor = Thread.ofPlatform().name(settings.name() + "-supervisor").start(this::supervise);
    }

    /** Stops reading; a batch not yet committed is read again by whoever reads its partition next. */
    public void stop(Duration within) throws InterruptedException {
        stopping = true;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            try {
                c.wakeup();
            } catch (RuntimeException e) {
                // A consumer already closed by a worker that died needs no waking.
            }
        }
        Thread s;
        synchronized (this) {
            s = supervisor;
        }
        if (s != null && !s.join(within)) {
            LOG.warnf("%s did not stop within %s; uncommitted batches will be read again", settings.name(), within);
        }
    }

    /** Whether a worker is polling: false before start-up, while the supervisor waits to restart one, and after stop. */
    public boolean isRunning() {
        return running;
    }

    /** What ended the last worker that died, if one did. */
    public Throwable lastFailure() {
        return lastFailure;
    }

    private void supervise() {
        int deaths = 0;
        while (!stopping) {
            Thread t = Thread.ofPlatform().name(settings.name()).unstarted(new Run());
            // Recorded here and logged once by the supervisor, with what it does about it.
            t.setUncaughtExceptionHandler((thread, e) -> lastFailure = e);
            worker = t;
            long started = System.nanoTime();
            t.start();
            joinUntilEnded(t);
            if (stopping) {
                return;
            }
            deaths = System.nanoTime() - started >= HEALTHY_RUN.toNanos() ? 1 : deaths + 1;
            restarts.increment();
            Duration wait = restartBackoff.after(deaths);
            LOG.errorf(lastFailure, "%s stopped (%s); a new consumer starts in %d ms and resumes from the committed"
                    + " offsets", settings.name(), lastFailure == null ? "it ended" : lastFailure, wait.toMillis());
            sleepUnlessStopping(wait);
        }
    }

    /** The supervisor outlives interrupts: only {@link #stop} ends it. */
    private static void joinUntilEnded(Thread t) {
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                // Keep watching: a stray interrupt must not leave the loop without a supervisor.
            }
        }
    }

    private void sleepUnlessStopping(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        long left;
        while (!stopping && (left = deadline - System.nanoTime()) > 0) {
            try {
                Thread.sleep(Duration.ofNanos(Math.min(left, SUPERVISOR_SLICE.toNanos())));
            } catch (InterruptedException e) {
                // As in joinUntilEnded.
            }
        }
    }

    /** How a commit ended. */
    private enum Commit { DONE, LOST, UNANSWERED }

    /** One worker's consumer and the state of its partitions; touched by the worker thread only. */
    private final class Run implements Runnable {
        private final Map<TopicPartition, Batch<T>> batches = new HashMap<>();
        private final Map<TopicPartition, OptionalLong> boundaries = new HashMap<>();
        private final Set<TopicPartition> owned = new HashSet<>();
        private final Map<TopicPartition, Integer> failures = new HashMap<>();
        private final Map<TopicPartition, Long> resumeAt = new HashMap<>();
        private KafkaConsumer<byte[], byte[]> c;

        @Override
        public void run() {
            NativeLz4.load();
            c = new KafkaConsumer<>(consumerConfig);
            consumer = c;
            Duration pollWait = settings.linger().compareTo(MAX_POLL_WAIT) < 0 ? settings.linger() : MAX_POLL_WAIT;
            try {
                c.subscribe(settings.topics(), new Rebalance());
                running = !stopping;
                while (!stopping) {
                    resumeDue();
                    accept(c.poll(pollWait));
                    flushDue();
                }
            } catch (WakeupException e) {
                if (!stopping) {
                    throw e;
                }
            } catch (InterruptedException e) {
                // Ends the worker like any other failure, unless it is stopping anyway.
                if (!stopping) {
                    lastFailure = e;
                }
            } finally {
                running = false;
                close();
            }
        }

        private void close() {
            // An interrupt that ended the worker would cut the consumer's goodbye to the group short.
            boolean interrupted = Thread.interrupted();
            try {
                c.close(CLOSE_WAIT);
            } catch (RuntimeException e) {
                LOG.debugf("%s: closing the consumer failed: %s", settings.name(), e.getMessage());
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        private void accept(ConsumerRecords<byte[], byte[]> records) throws InterruptedException {
            for (TopicPartition tp : records.partitions()) {
                for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
                    // A flush below may have paused the partition or seen it taken away.
                    if (!owned.contains(tp) || resumeAt.containsKey(tp)) {
                        break;
                    }
                    Read<T> read = read(record);
                    int weight = read instanceof Read.Item<T> item ? item.weight() : 0;
                    Batch<T> batch = batchOf(tp);
                    if (!batch.accepts(record.offset(), weight, Batch.bytesOf(record), settings.limit())) {
                        if (!flush(tp, batch)) {
                            // The rest of this poll's records of the partition are read again after the batch.
                            break;
                        }
                        batch = batchOf(tp);
                    }
                    batch.add(record, read, System.nanoTime());
                }
            }
        }

        /** A record the handler cannot read must not stop the partition: it goes to the dead-letter topic. */
        private Read<T> read(ConsumerRecord<byte[], byte[]> record) {
            try {
                return handler.read(record);
            } catch (RuntimeException e) {
                return Read.refuse("the record could not be read: " + e);
            }
        }

        private Batch<T> batchOf(TopicPartition tp) {
            return batches.computeIfAbsent(tp, p -> new Batch<>(p.topic(), p.partition(),
                    boundaries.getOrDefault(p, OptionalLong.empty())));
        }

        private void flushDue() throws InterruptedException {
            long now = System.nanoTime();
            long linger = settings.linger().toNanos();
            for (Map.Entry<TopicPartition, Batch<T>> e : new ArrayList<>(batches.entrySet())) {
                if (e.getValue().isDue(settings.limit(), linger, now) && batches.get(e.getKey()) == e.getValue()) {
                    flush(e.getKey(), e.getValue());
                }
            }
        }

        /**
         * Marks, hands over, dead-letters and commits one batch. False when the batch stays uncommitted:
         * its partition is then rewound to it (paused for a while when it is to be retried), or gone.
         */
        private boolean flush(TopicPartition tp, Batch<T> batch) throws InterruptedException {
            batches.remove(tp);
            boundaries.remove(tp);
            if (settings.markPending() && !batch.entries().isEmpty()) {
                Commit marked = commit(tp, new OffsetAndMetadata(batch.firstOffset(),
                        CommitMetadata.pending(batch.lastOffset())));
                if (marked != Commit.DONE) {
                    return notDone(tp, batch, marked, "the pending marker was not committed", Optional.empty());
                }
            }
            return switch (handler.handle(batch)) {
                case Outcome.Retry retry -> notDone(tp, batch, Commit.UNANSWERED, retry.reason(), retry.after());
                case Outcome.Done done -> finish(tp, batch, done);
            };
        }

        private boolean finish(TopicPartition tp, Batch<T> batch, Outcome.Done done) throws InterruptedException {
            List<DeadLetter> letters = done.deadLetters();
            if (!letters.isEmpty() && !deadLetters.publish(letters)) {
                return notDone(tp, batch, Commit.UNANSWERED, "Kafka did not acknowledge " + letters.size()
                        + " dead letters", Optional.empty());
            }
            Commit committed = commit(tp, new OffsetAndMetadata(batch.lastOffset() + 1));
            if (committed != Commit.DONE) {
                return notDone(tp, batch, committed, "the offset was not committed", Optional.empty());
            }
            failures.remove(tp);
            done.afterCommit().run();
            LOG.debugf("%s: batch %s done, %d records dead-lettered", settings.name(), batch.dedupToken(),
                    letters.size());
            return true;
        }

        /**
         * Leaves a batch uncommitted. If the partition is still this consumer's, it rewinds to the batch
         * and cuts it at the same offsets again; when the batch is to be retried, the partition is paused
         * for the back-off first. A partition taken away is read from its committed offset by its new owner.
         */
        private boolean notDone(TopicPartition tp, Batch<T> batch, Commit why, String reason,
                Optional<Duration> after) {
            if (stopping || !owned.contains(tp) || !c.assignment().contains(tp)) {
                return false;
            }
            c.seek(tp, batch.firstOffset());
            boundaries.put(tp, OptionalLong.of(batch.lastOffset()));
            if (why == Commit.LOST) {
                return false;
            }
            int n = failures.merge(tp, 1, Integer::sum);
            Duration wait = after.orElseGet(() -> settings.retry().after(n));
            c.pause(List.of(tp));
            resumeAt.put(tp, System.nanoTime() + wait.toNanos());
            if (n == 1 || Integer.bitCount(n) == 1) {
                LOG.warnf("%s: batch %s not done (%s); attempt %d again in %d ms, its partition paused meanwhile",
                        settings.name(), batch.dedupToken(), reason, n + 1, wait.toMillis());
            }
            return false;
        }

        private void resumeDue() {
            long now = System.nanoTime();
            for (Iterator<Map.Entry<TopicPartition, Long>> it = resumeAt.entrySet().iterator(); it.hasNext();) {
                Map.Entry<TopicPartition, Long> e = it.next();
                if (now - e.getValue() >= 0) {
                    it.remove();
                    if (c.assignment().contains(e.getKey())) {
                        c.resume(List.of(e.getKey()));
                    }
                }
            }
        }

        private Commit commit(TopicPartition tp, OffsetAndMetadata offset) {
            if (!owned.contains(tp)) {
                return Commit.LOST;
            }
            try {
                c.commitSync(Map.of(tp, offset));
                return Commit.DONE;
            } catch (CommitFailedException | RebalanceInProgressException e) {
                LOG.infof("%s: %s moved to another consumer before offset %d was committed; it reads the batch again",
                        settings.name(), tp, offset.offset());
                return Commit.LOST;
            } catch (TimeoutException e) {
                return Commit.UNANSWERED;
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
                    failures.remove(tp);
                    resumeAt.remove(tp);
                }
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                onPartitionsRevoked(partitions);
            }

            /** May throw (say, the committed offsets are not read in time): the worker then dies and starts again. */
            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                owned.addAll(partitions);
                if (partitions.isEmpty() || !settings.markPending()) {
                    return;
                }
                Map<TopicPartition, OffsetAndMetadata> committed = c.committed(new HashSet<>(partitions));
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
                    LOG.infof("%s: %d of %d assigned partitions have a batch that may have been handled but was not"
                            + " committed; it is cut at the same offsets again", settings.name(), marked,
                            partitions.size());
                }
            }
        }
    }
}
