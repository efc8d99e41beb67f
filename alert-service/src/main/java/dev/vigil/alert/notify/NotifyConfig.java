package dev.vigil.alert.notify;

import dev.vigil.contracts.ConsumerGroups;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How alerts become notifications on this replica. */
@ConfigMapping(prefix = "vigil.alert.notify")
public interface NotifyConfig {

    /** Whether this replica consumes {@code vigil.alerts} and delivers notifications. */
    @WithDefault("true")
    boolean enabled();

    /** The Kafka consumer group every replica shares, so each event is taken in by one of them. */
    @WithDefault(ConsumerGroups.ALERT_NOTIFY)
    String consumerGroup();

    /** How often due groups and due deliveries are looked for. */
    @WithDefault("200ms")
    Duration tick();

    /** Deliveries run at once on this replica. */
    @WithDefault("4")
    int deliveryWorkers();

    /**
     * The wait after the first retryable failure; doubled after each further one, up to {@link #maxBackoff}. A
     * retryable failure is retried without an attempt limit, until the channel accepts or a newer notification of
     * the same group supersedes it: an integration down for an hour still gets the page when it is back.
     */
    @WithDefault("1s")
    Duration initialBackoff();

    /** The longest wait between two attempts: how late, at most, a notification arrives after its channel is back. */
    @WithDefault("5m")
    Duration maxBackoff();

    /** How long one HTTP request to an integration may take. */
    @WithDefault("10s")
    Duration sendTimeout();

    /**
     * How long a replica may hold a notification it is sending: if it dies meanwhile, another takes
     * the notification over after this (and may then send it a second time, the only case where it can).
     */
    @WithDefault("60s")
    Duration claimTimeout();

    /** Vigil's address as people reach it, for the links in notifications. */
    @WithDefault("http://localhost:8082")
    String externalUrl();

    static void validate(NotifyConfig c) {
        positive("vigil.alert.notify.tick", c.tick());
        positive("vigil.alert.notify.initial-backoff", c.initialBackoff());
        positive("vigil.alert.notify.send-timeout", c.sendTimeout());
        if (c.maxBackoff().compareTo(c.initialBackoff()) < 0) {
            throw new IllegalStateException("vigil.alert.notify.max-backoff must not be below"
                    + " vigil.alert.notify.initial-backoff, was " + c.maxBackoff());
        }
        if (c.claimTimeout().compareTo(c.sendTimeout().multipliedBy(2)) < 0) {
            throw new IllegalStateException("vigil.alert.notify.claim-timeout must be at least twice"
                    + " vigil.alert.notify.send-timeout, was " + c.claimTimeout());
        }
        if (c.deliveryWorkers() < 1 || c.deliveryWorkers() > 64) {
            throw new IllegalStateException("vigil.alert.notify.delivery-workers must be between 1 and 64, was "
                    + c.deliveryWorkers());
        }
        if (!c.externalUrl().matches("https?://\\S+")) {
            throw new IllegalStateException("vigil.alert.notify.external-url must be an http(s) URL, was " + c.externalUrl());
        }
    }

    private static void positive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalStateException(key + " must be positive, was " + value);
        }
    }
}
