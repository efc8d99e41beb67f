package dev.vigil.health.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.vigil.health.status.HealthStatus;
import dev.vigil.health.status.StatusChange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class HealthEventTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void isAStructuredCloudEventWithTheChangeAsData() throws Exception {
        StatusChange change = new StatusChange("cluster/pods/shop/cart-1", HealthStatus.WARNING, HealthStatus.CRITICAL,
                List.of("memory at 90.0 % of its limit"), Instant.parse("2026-03-01T12:00:00.5Z"));

        JsonNode event = JSON.readTree(JSON.writeValueAsString(HealthEvent.of(change, "/vigil/health-service")));

        assertThat(event.path("specversion").asText()).isEqualTo("1.0");
        assertThat(UUID.fromString(event.path("id").asText())).isNotNull();
        assertThat(event.path("source").asText()).isEqualTo("/vigil/health-service");
        assertThat(event.path("type").asText()).isEqualTo("dev.vigil.health.status.changed");
        assertThat(event.path("subject").asText()).isEqualTo("cluster/pods/shop/cart-1");
        assertThat(event.path("time").asText()).isEqualTo("2026-03-01T12:00:00.500Z");
        assertThat(event.path("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(event.path("data").path("previous").asText()).isEqualTo("WARNING");
        assertThat(event.path("data").path("status").asText()).isEqualTo("CRITICAL");
        assertThat(event.path("data").path("reasons").get(0).asText()).isEqualTo("memory at 90.0 % of its limit");
    }

    @Test
    void keepsAnUnknownPreviousStatusAsNull() throws Exception {
        StatusChange change = new StatusChange("platform", null, HealthStatus.WARNING, List.of(), Instant.EPOCH);

        JsonNode event = JSON.readTree(JSON.writeValueAsString(HealthEvent.of(change, "/x")));

        assertThat(event.path("data").has("previous")).isTrue();
        assertThat(event.path("data").path("previous").isNull()).isTrue();
    }
}
