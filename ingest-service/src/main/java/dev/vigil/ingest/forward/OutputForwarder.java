package dev.vigil.ingest.forward;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.vigil.contracts.ConsumerGroups;
import dev.vigil.contracts.Headers;
import dev.vigil.contracts.Signal;
import dev.vigil.ingest.pipeline.ForwardOutput;
import dev.vigil.ingest.pipeline.OtlpItems;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * Forwards to one output: a consumer of group {@code vigil-forward-<output>} on the OTLP topics sends
 * each record whose {@link Headers#FORWARD} names the output, in partition order, and commits a
 * record's offset only after the endpoint accepted it (or it was dead-lettered as refused for good).
 *
 * <p>While the endpoint cannot take data, the consumer keeps its partitions but pauses them and
 * keeps polling, so it stays in its group while it waits; nothing after the failing record is sent
 * before it. Records that name no such output are skipped and committed.
 */
final class OutputForwarder implements Runnable {
    private static final Logger LOG = Logger.getLogger(OutputForwarder.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration WAIT_SLICE = Duration.ofMillis(200);
    private static final String UNKNOWN_PIPELINE = "(unknown)";

    private final ForwardOutput output;
    private final ForwardConfig config;
    private final Backoff backoff;
    private final OtlpHttpSender sender;
    private final DeadLetters deadLetters;
    private final ForwardMetrics metrics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    /** Partitions taken away since the last poll: the rest of their batch belongs to their new owner. */
    private final Set<TopicPartition> revoked = new HashSet<>();
    private volatile boolean running = true;
    private boolean waiting;

    /** What became of one record. */
    private enum Outcome { DONE, ABANDONED }

    OutputForwarder(ForwardOutput output, ForwardConfig config, Map<String, Object> kafka, DeadLetters deadLetters,
            ForwardMetrics metrics) {
        this.output = output;
        this.config = config;
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
        this.sender = new OtlpHttpSender(output);
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        Map<String, Object> c = new HashMap<>(kafka);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, ConsumerGroups.FORWARD_PREFIX + output.name());
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, ConsumerGroups.FORWARD_PREFIX + output.name());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Only records that already name this output are sent, so a new group starts at the beginning:
        // what was routed to the output while no forwarder ran is delivered too.
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(c);
        this.thread = Thread.ofPlatform().name("vigil-forward-" + output.name()).unstarted(this);
    }

    ForwardOutput output() {
        return output;
    }

    void start() {
        thread.start();
    }

    /** Stops after the request in flight; what was not accepted is not committed and is sent again later. */
    void stop(Duration within) throws InterruptedException {
        running = false;
        // Wakes a poll; a request in flight ends within the output's timeout.
        consumer.wakeup();
        thread.join(within.toMillis());
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(topics(), new Rebalance());
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                revoked.clear();
                for (TopicPartition partition : records.partitions()) {
                    for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                        if (!running || revoked.contains(partition)) {
                            break;
                        }
                        if (handle(partition, record) == Outcome.ABANDONED) {
                            if (!revoked.contains(partition) && consumer.assignment().contains(partition)) {
                                consumer.seek(partition, record.offset());
                            }
                            break;
                        }
                        done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                    }
                }
                commit();
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.errorf(e, "The forwarder of output %s was woken up while running", output.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (running) {
                LOG.errorf("The forwarder of output %s was interrupted", output.name());
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "The forwarder of output %s stopped", output.name());
        } finally {
            try {
                commit();
            } catch (RuntimeException e) {
                LOG.warnf("Offsets of output %s were not committed on stop; those records are sent again: %s",
                        output.name(), e.getMessage());
            }
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private Outcome handle(TopicPartition partition, ConsumerRecord<byte[], byte[]> record) throws InterruptedException {
        if (!namesThisOutput(record)) {
            return Outcome.DONE;
        }
        Signal signal = signal(record.topic());
        String pipeline = header(record, Headers.PIPELINE);
        pipeline = pipeline == null ? UNKNOWN_PIPELINE : pipeline;
        int items;
        try {
            items = OtlpItems.count(parse(signal, record.value()));
        } catch (InvalidProtocolBufferException e) {
            return refuse(partition, record, signal, pipeline, 0, "forward to " + output.name() + ": the record is not a"
                    + " valid protobuf export request: " + e.getMessage());
        }
        int failures = 0;
        while (running) {
            Delivery delivery = sender.send(signal, record.value());
            switch (delivery) {
                case Delivery.Accepted accepted -> {
                    metrics.request(output.name(), "accepted");
                    metrics.forwarded(signal, pipeline, items);
                    resume();
                    return Outcome.DONE;
                }
                case Delivery.Rejected rejected -> {
                    metrics.request(output.name(), "rejected");
                    return refuse(partition, record, signal, pipeline, items,
                            "forward to " + output.name() + ": " + rejected.reason());
                }
                case Delivery.Retryable retry -> {
                    metrics.request(output.name(), "retried");
                    failures++;
                    int attempt = failures;
                    Duration wait = retry.retryAfter()
                            .map(d -> d.compareTo(config.maxRetryAfter()) > 0 ? config.maxRetryAfter() : d)
                            .orElseGet(() -> backoff.after(attempt));
                    if (failures == 1) {
                        LOG.warnf("Output %s cannot take data (%s); retrying, waiting %s", output.name(),
                                retry.reason(), wait);
                    }
                    if (!waitKeepingPartitions(partition, wait)) {
                        return Outcome.ABANDONED;
                    }
                }
            }
        }
        return Outcome.ABANDONED;
    }

    /** Dead-letters a record the endpoint will never take, counted as failed; retried until Kafka takes it. */
    private Outcome refuse(TopicPartition partition, ConsumerRecord<byte[], byte[]> record, Signal signal,
            String pipeline, int items, String reason) throws InterruptedException {
        int failures = 0;
        while (running) {
            if (deadLetters.publish(record, reason)) {
                metrics.failed(signal, pipeline, items);
                resume();
                return Outcome.DONE;
            }
            failures++;
            if (!waitKeepingPartitions(partition, backoff.after(failures))) {
                return Outcome.ABANDONED;
            }
        }
        return Outcome.ABANDONED;
    }

    /**
     * Waits with every partition paused, polling so the consumer stays in its group. False when the
     * partition of the record in hand was taken away meanwhile, or the forwarder is stopping.
     */
    private boolean waitKeepingPartitions(TopicPartition partition, Duration wait) {
        waiting = true;
        consumer.pause(consumer.assignment());
        long deadline = System.nanoTime() + wait.toNanos();
        while (running) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            ConsumerRecords<byte[], byte[]> stray = consumer.poll(Duration.ofNanos(Math.min(left, WAIT_SLICE.toNanos())));
            // Paused partitions return nothing; a partition assigned meanwhile is paused by the listener,
            // but should one return records, they are put back rather than skipped.
            for (TopicPartition p : stray.partitions()) {
                consumer.seek(p, stray.records(p).getFirst().offset());
            }
            if (revoked.contains(partition) || !consumer.assignment().contains(partition)) {
                return false;
            }
        }
        return running;
    }

    private void resume() {
        if (waiting) {
            waiting = false;
            consumer.resume(consumer.paused());
        }
    }

    private void commit() {
        if (done.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(done);
        offsets.keySet().retainAll(consumer.assignment());
        done.clear();
        if (!offsets.isEmpty()) {
            try {
                try {
                    consumer.commitSync(offsets);
                } catch (WakeupException e) {
                    // A stop woke the consumer outside a poll; the wake-up is used up, so committing again works.
                    consumer.commitSync(offsets);
                }
            } catch (KafkaException e) {
                // The group moved on (a rebalance): the records are sent again by the partitions' new owner.
                LOG.warnf("Committing offsets of output %s failed (%s); their records will be sent again",
                        output.name(), e.getMessage());
            }
        }
    }

    private boolean namesThisOutput(ConsumerRecord<byte[], byte[]> record) {
        String forward = header(record, Headers.FORWARD);
        if (forward == null) {
            return false;
        }
        for (String name : forward.split(",")) {
            if (name.strip().equals(output.name())) {
                return true;
            }
        }
        return false;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static Signal signal(String topic) {
        for (Signal signal : Signal.values()) {
            if (signal.topic().equals(topic)) {
                return signal;
            }
        }
        throw new IllegalArgumentException("not an OTLP topic: " + topic);
    }

    private static Message parse(Signal signal, byte[] value) throws InvalidProtocolBufferException {
        return switch (signal) {
            case TRACES -> ExportTraceServiceRequest.parseFrom(value);
            case METRICS -> ExportMetricsServiceRequest.parseFrom(value);
            case LOGS -> ExportLogsServiceRequest.parseFrom(value);
        };
    }

    /** Commits what was done on partitions leaving, and keeps partitions arriving during a wait paused. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> leaving = new HashMap<>();
            for (TopicPartition p : partitions) {
                OffsetAndMetadata offset = done.remove(p);
                if (offset != null) {
                    leaving.put(p, offset);
                }
            }
            revoked.addAll(partitions);
            if (!leaving.isEmpty()) {
                try {
                    consumer.commitSync(leaving);
                } catch (KafkaException e) {
                    LOG.warnf("Committing offsets of output %s on rebalance failed (%s); their records will be sent"
                            + " again", output.name(), e.getMessage());
                }
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(done::remove);
            revoked.addAll(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (waiting) {
                consumer.pause(partitions);
            }
        }
    }

    static List<String> topics() {
        return Arrays.stream(Signal.values()).map(Signal::topic).toList();
    }
}
