package dev.vigil.ingest.pipeline;

import dev.vigil.contracts.Signal;
import dev.vigil.contracts.Topics;
import dev.vigil.contracts.event.CloudEventsFormat;
import dev.vigil.contracts.event.PipelinesChanged;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Tells the platform that the pipelines changed: a CloudEvents 1.0 event on {@link Topics#CONFIG}, through the
 * channel {@code config-events}, whose producer is made on the first event, so an installation that never reloads
 * never connects for it.
 */
// Made on first use, behind a proxy: the channel's emitter exists only once messaging wired the channels at
// start-up, after the beans that inject this one were made.
@ApplicationScoped
final class ConfigEventPublisher {
    private static final Logger LOG = Logger.getLogger(ConfigEventPublisher.class);
    private static final URI SOURCE = URI.create(PipelinesChanged.SOURCE);

    private final MutinyEmitter<PipelinesChanged> events;

    ConfigEventPublisher(@Channel("config-events") MutinyEmitter<PipelinesChanged> events) {
        this.events = events;
    }

    /**
     * Sends the event without waiting: a reload is in force whether or not Kafka took its announcement. One that
     * Kafka did not take is logged.
     */
    void publish(PipelinesReloaded reloaded) {
        events.sendMessage(message(reloaded, UUID.randomUUID().toString(), Instant.now())).subscribe().with(
                done -> { },
                failure -> LOG.warnf("The pipelines reload was not announced on %s: %s", Topics.CONFIG, failure.toString()));
    }

    static Message<PipelinesChanged> message(PipelinesReloaded reloaded, String id, Instant time) {
        PipelinesChanged data = new PipelinesChanged(names(reloaded, Signal.TRACES), names(reloaded, Signal.METRICS),
                names(reloaded, Signal.LOGS));
        OutgoingCloudEventMetadata<PipelinesChanged> event = OutgoingCloudEventMetadata.<PipelinesChanged>builder()
                .withId(id)
                .withSource(SOURCE)
                .withType(PipelinesChanged.TYPE)
                .withTimestamp(time.atZone(ZoneOffset.UTC))
                .withDataContentType(CloudEventsFormat.DATA_CONTENT_TYPE)
                .build();
        OutgoingKafkaRecordMetadata<String> record = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(PipelinesChanged.KEY).build();
        return Message.of(data, Metadata.of(event, record));
    }

    private static List<String> names(PipelinesReloaded reloaded, Signal signal) {
        return reloaded.pipelines().getOrDefault(signal, List.of());
    }
}
