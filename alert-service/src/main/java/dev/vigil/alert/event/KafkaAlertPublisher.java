package dev.vigil.alert.event;

import dev.vigil.alert.evaluate.Transition;
import dev.vigil.alert.evaluate.TransitionPublisher;
import dev.vigil.contracts.event.AlertStateChanged;
import dev.vigil.contracts.event.CloudEventsFormat;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes state changes to {@code vigil.alerts} (channel {@code alert-events}), keyed by rule and label set so
 * that the changes of one alert stay in order on one partition. Returns only after every event is acknowledged by
 * all in-sync replicas ({@code acks=all} on the channel); throws when one is refused or the time is up, so the
 * evaluation fails and the same changes, with the same event ids, are published again on its next run.
 */
// Made on first use, behind a proxy: the channel's emitter exists only once messaging wired the channels at
// start-up, after the beans that inject this one were made.
@ApplicationScoped
public final class KafkaAlertPublisher implements TransitionPublisher {

    private static final URI SOURCE = URI.create(AlertStateChanged.SOURCE);

    private final MutinyEmitter<AlertStateChanged> events;
    private final Duration timeout;

    KafkaAlertPublisher(@Channel("alert-events") MutinyEmitter<AlertStateChanged> events, KafkaConfig config) {
        this.events = events;
        this.timeout = config.publishTimeout();
    }

    @Override
    public void publish(List<Transition> transitions) {
        if (transitions.isEmpty()) {
            return;
        }
        List<Uni<Void>> acknowledged = new ArrayList<>();
        for (Transition transition : transitions) {
            acknowledged.add(events.sendMessage(message(transition)));
        }
        // Subscribing sends, in list order; each Uni completes when Kafka acknowledged its record, fails when it refused.
        Uni.join().all(acknowledged).andFailFast().await().atMost(timeout);
    }

    static Message<AlertStateChanged> message(Transition t) {
        var a = t.alert();
        AlertStateChanged data = new AlertStateChanged(a.ruleId(), t.ruleName(), a.fingerprint(), t.from().id(),
                t.to().id(), a.activeAt(), a.firedAt(), a.resolvedAt(), a.value(), a.labels(), a.annotations());
        OutgoingCloudEventMetadata<AlertStateChanged> event = OutgoingCloudEventMetadata.<AlertStateChanged>builder()
                .withId(t.eventId())
                .withSource(SOURCE)
                .withType(data.type())
                .withSubject(data.subject())
                .withTimestamp(t.at().atZone(ZoneOffset.UTC))
                .withDataContentType(CloudEventsFormat.DATA_CONTENT_TYPE)
                .build();
        OutgoingKafkaRecordMetadata<String> record = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(data.alertKey()).build();
        return Message.of(data, Metadata.of(event, record));
    }
}
