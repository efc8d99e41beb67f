package dev.vigil.alert.event;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

/**
 * How alert-service reaches Kafka: where the brokers are, and how long publishing may take. The channels'
 * own settings are {@code mp.messaging.*.alert-*} in {@code application.properties}.
 */
@ConfigMapping(prefix = "kafka")
public interface KafkaConfig {

    /**
     * {@code kafka.bootstrap.servers}, e.g. {@code 127.0.0.1:9092}: every channel's brokers. Mapped here because this
     * mapping owns the {@code kafka} prefix, and a key under it that no mapping names stops the start-up.
     */
    @WithName("bootstrap.servers")
    @WithDefault("localhost:9092")
    String bootstrapServers();

    /** {@code kafka.alert-publish-timeout}: how long publishing a rule's changes may take before the evaluation fails. */
    @WithName("alert-publish-timeout")
    @WithDefault("10s")
    Duration publishTimeout();
}
