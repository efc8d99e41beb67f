package dev.vigil.health.platform;

import dev.vigil.contracts.Signal;
import dev.vigil.health.status.HealthStatus;
import dev.vigil.health.status.Thresholds;
import jakarta.annotation.PreDestroy;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks the Kafka bus with the Admin client: reachable when the cluster describes itself within the probe
 * timeout, and the persist stage's lag per partition from its groups' committed offsets and the topics' end
 * offsets. Blocking: call it from a worker thread.
 */
@Startup // built at start-up, off the event loop that runs the first probe round
@Singleton
final class KafkaCheck {

    private final Admin admin;
    private final Duration timeout;
    private final PlatformConfig.Kafka config;
    private final Thresholds lagThresholds;
    private final Clock clock = Clock.systemUTC();

    KafkaCheck(PlatformConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrap) {
        this.config = config.kafka();
        this.timeout = config.probeTimeout();
        if (this.config.lagWarning() < 1 || this.config.lagCritical() < this.config.lagWarning()) {
            throw new IllegalStateException("vigil.health.kafka.lag-warning must be at least 1 and at most"
                    + " vigil.health.kafka.lag-critical, were " + this.config.lagWarning() + " and "
                    + this.config.lagCritical());
        }
        this.lagThresholds = new Thresholds(this.config.lagWarning(), this.config.lagCritical());
        int millis = (int) timeout.toMillis();
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "vigil-health",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
                // Keep retrying a broker that went away at a steady pace, so its return is seen within a probe or two.
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000));
    }

    KafkaHealth check() {
        int brokers;
        try {
            brokers = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreachable("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            return unreachable(noAnswer());
        }
        try {
            List<ConsumerLag> lag = lag();
            long worst = lag.stream().mapToLong(ConsumerLag::lag).max().orElse(0);
            HealthStatus status = lagThresholds.judge(worst);
            String error = status == HealthStatus.HEALTHY ? null
                    : String.format(Locale.ROOT, "persist lag of %d records on one partition", worst);
            return new KafkaHealth(status, error, brokers, lag, clock.instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreachable("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            // The broker went away between the calls (or answered from the client's cache): the same outage.
            if (cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                return unreachable(noAnswer());
            }
            return new KafkaHealth(HealthStatus.CRITICAL, "cannot read the persist lag: " + cause, brokers, List.of(),
                    clock.instant());
        }
    }

    private List<ConsumerLag> lag() throws InterruptedException, ExecutionException, TimeoutException {
        List<ConsumerLag> lag = new ArrayList<>();
        for (Signal signal : Signal.values()) {
            String group = config.persistGroupPrefix() + signal.id();
            TopicDescription topic;
            try {
                topic = admin.describeTopics(List.of(signal.topic())).allTopicNames()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(signal.topic());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    continue; // nothing of this signal was received yet: nothing to be behind on
                }
                throw e;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            topic.partitions().forEach(p -> {
                latest.put(new TopicPartition(signal.topic(), p.partition()), OffsetSpec.latest());
                earliest.put(new TopicPartition(signal.topic(), p.partition()), OffsetSpec.earliest());
            });
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                    admin.listOffsets(latest).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts =
                    admin.listOffsets(earliest).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            latest.keySet().stream().sorted((a, b) -> Integer.compare(a.partition(), b.partition())).forEach(tp -> {
                long end = ends.get(tp).offset();
                OffsetAndMetadata offset = committed.get(tp);
                Long committedOffset = offset == null ? null : offset.offset();
                long behind = committedOffset == null ? end - starts.get(tp).offset() : end - committedOffset;
                lag.add(new ConsumerLag(group, tp.topic(), tp.partition(), committedOffset, end, Math.max(0, behind)));
            });
        }
        return lag;
    }

    private String noAnswer() {
        return "unreachable: no answer from the brokers within " + timeout.toMillis() + " ms";
    }

    private KafkaHealth unreachable(String error) {
        return new KafkaHealth(HealthStatus.CRITICAL, error, null, List.of(), clock.instant());
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
