package dev.vigil.health.platform;

import dev.vigil.health.status.HealthStatus;

import java.time.Instant;
import java.util.List;

/**
 * The Kafka bus: reachable or not, and the persist stage's lag per partition.
 *
 * @param brokers how many brokers the cluster reported; {@code null} when it could not be reached
 * @param lag     per persist group and partition, in group, topic, partition order
 * @param error   why the status is not healthy, {@code null} when it is
 */
public record KafkaHealth(HealthStatus status, String error, Integer brokers, List<ConsumerLag> lag,
        Instant checkedAt) {

    public KafkaHealth {
        lag = List.copyOf(lag);
    }

    static KafkaHealth notChecked() {
        return new KafkaHealth(HealthStatus.WARNING, "not checked yet", null, List.of(), null);
    }
}
