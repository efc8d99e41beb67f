package dev.vigil.alert.event;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

/**
 * How long publishing may take. Where Kafka is, and how the channels reach it, is messaging configuration:
 * {@code kafka.bootstrap.servers} and {@code mp.messaging.*.alert-*} in {@code application.properties}.
 */
@ConfigMapping(prefix = "kafka")
public interface KafkaConfig {

    /** {@code kafka.alert-publish-timeout}: how long publishing a rule's changes may take before the evaluation fails. */
    @WithName("alert-publish-timeout")
    @WithDefault("10s")
    Duration publishTimeout();
}
