package dev.vigil.health.events;

import dev.vigil.contracts.event.HealthStatusChanged;
import dev.vigil.health.status.HealthStatus;
import dev.vigil.health.status.StatusChange;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.json.JsonObject;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The message handed to the health-events channel; the connector writes it as a structured CloudEvent. */
class HealthEventTest {

    @Test
    void isACloudEventWithTheChangeAsData() {
        StatusChange change = new StatusChange("cluster/pods/shop/cart-1", HealthStatus.WARNING, HealthStatus.CRITICAL,
                List.of("memory at 90.0 % of its limit"), Instant.parse("2026-03-01T12:00:00.5Z")); // fixed date: never stored

        Message<HealthStatusChanged> message = HealthEventPublisher.message(change, URI.create("/vigil/health-service"));

        OutgoingCloudEventMetadata<?> event = message.getMetadata(OutgoingCloudEventMetadata.class).orElseThrow();
        assertThat(event.getSpecVersion()).isEqualTo("1.0");
        assertThat(UUID.fromString(event.getId())).isNotNull();
        assertThat(event.getSource()).hasToString("/vigil/health-service");
        assertThat(event.getType()).isEqualTo("dev.vigil.health.status.changed");
        assertThat(event.getSubject()).contains("cluster/pods/shop/cart-1");
        assertThat(event.getTimeStamp()).contains(Instant.parse("2026-03-01T12:00:00.5Z").atZone(ZoneOffset.UTC));
        assertThat(event.getDataContentType()).contains("application/json");
        assertThat(message.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getKey())
                .isEqualTo("cluster/pods/shop/cart-1");
        JsonObject data = JsonObject.mapFrom(message.getPayload()); // as the connector writes data
        assertThat(data.getString("previous")).isEqualTo("WARNING");
        assertThat(data.getString("status")).isEqualTo("CRITICAL");
        assertThat(data.getJsonArray("reasons").getString(0)).isEqualTo("memory at 90.0 % of its limit");
    }

    @Test
    void keepsAnUnknownPreviousStatusAsNull() {
        StatusChange change = new StatusChange("platform", null, HealthStatus.WARNING, List.of(), Instant.EPOCH);

        JsonObject data = JsonObject.mapFrom(HealthEventPublisher.message(change, URI.create("/x")).getPayload());

        assertThat(data.containsKey("previous")).isTrue();
        assertThat(data.getValue("previous")).isNull();
    }
}
