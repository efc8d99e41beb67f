package dev.vigil.health.events;

import dev.vigil.contracts.Topics;
import dev.vigil.contracts.event.CloudEventsFormat;
import dev.vigil.contracts.event.HealthStatusChanged;
import dev.vigil.health.status.HealthStatus;
import dev.vigil.health.status.StatusChange;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.net.URI;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Publishes every {@link StatusChange} on {@link Topics#HEALTH} (channel {@code health-events}) as a CloudEvent,
 * keyed by its subject so that one subject's changes stay in order on one partition. Publishing never waits: the
 * probes and the HTTP threads go on while the broker is away. The channel's producer is idempotent with
 * {@code acks=all} and keeps a send for up to ten minutes, so a change seen while Kafka was down is delivered once it
 * is back; a change the broker never took is counted and logged.
 */
// Made on first use, behind a proxy: the channel's emitter exists only once messaging wired the channels at
// start-up, after the beans that inject this one were made.
@ApplicationScoped
final class HealthEventPublisher {

    private final EventsConfig config;
    private final URI source;
    private final MutinyEmitter<HealthStatusChanged> events;
    private final Counter published;
    private final Counter failed;

    HealthEventPublisher(EventsConfig config, @Channel("health-events") MutinyEmitter<HealthStatusChanged> events,
            MeterRegistry metrics) {
        this.config = config;
        this.source = URI.create(config.source());
        this.events = events;
        this.published = Counter.builder("vigil.health.events.published")
                .description("Health events the broker acknowledged").register(metrics);
        this.failed = Counter.builder("vigil.health.events.failed")
                .description("Health events given up on").register(metrics);
    }

    void publish(@Observes StatusChange change) {
        if (!config.enabled()) {
            return;
        }
        events.sendMessage(message(change, source)).subscribe().with(
                done -> published.increment(),
                failure -> {
                    failed.increment();
                    Log.warnf("health event for %s (%s) was not delivered: %s", change.subject(), change.status(),
                            failure.toString());
                });
    }

    /** The change as a CloudEvent: a new id, the change's subject and time, the change as data. */
    static Message<HealthStatusChanged> message(StatusChange change, URI source) {
        HealthStatusChanged data = new HealthStatusChanged(change.subject(), name(change.previous()),
                name(change.status()), change.reasons());
        OutgoingCloudEventMetadata<HealthStatusChanged> event = OutgoingCloudEventMetadata.<HealthStatusChanged>builder()
                .withId(UUID.randomUUID().toString())
                .withSource(source)
                .withType(HealthStatusChanged.TYPE)
                .withSubject(change.subject())
                .withTimestamp(change.at().atZone(ZoneOffset.UTC))
                .withDataContentType(CloudEventsFormat.DATA_CONTENT_TYPE)
                .build();
        OutgoingKafkaRecordMetadata<String> record = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(change.subject()).build();
        return Message.of(data, Metadata.of(event, record));
    }

    private static String name(HealthStatus status) {
        return status == null ? null : status.name();
    }
}
