package dev.vigil.alert.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventsTest {

    private static final AlertEvent RESOLVED = new AlertEvent("0123456789abcdef0123456789abcdef",
            Instant.parse("2026-03-01T10:05:00.123456Z"), 12, "checkout errors", "9f2c00aa11bb22cc", "firing", "resolved",
            Instant.parse("2026-03-01T10:00:00Z"), Instant.parse("2026-03-01T10:01:00Z"),
            Instant.parse("2026-03-01T10:05:00.123456Z"), 0.42, Map.of("alertname", "checkout errors", "service", "checkout"),
            Map.of("summary", "checkout fails"));

    @Test
    void writesTheCloudEventsEnvelopeWithTheAlertAsData() throws Exception {
        JsonNode json = new ObjectMapper().readTree(CloudEvents.encode(RESOLVED));

        assertThat(json.path("specversion").asText()).isEqualTo("1.0");
        assertThat(json.path("id").asText()).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(json.path("source").asText()).isEqualTo("/vigil/alert-service");
        assertThat(json.path("type").asText()).isEqualTo("dev.vigil.alert.resolved");
        assertThat(json.path("subject").asText()).isEqualTo("rules/12/alerts/9f2c00aa11bb22cc");
        assertThat(json.path("time").asText()).isEqualTo("2026-03-01T10:05:00.123456Z");
        assertThat(json.path("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(json.path("data").path("from").asText()).isEqualTo("firing");
        assertThat(json.path("data").path("value").asDouble()).isEqualTo(0.42);
        assertThat(json.path("data").path("labels").path("service").asText()).isEqualTo("checkout");
    }

    @Test
    void readsBackWhatItWrote() {
        assertThat(CloudEvents.decode(CloudEvents.encode(RESOLVED))).isEqualTo(RESOLVED);
    }

    @Test
    void refusesWhatIsNotAnAlertEvent() {
        assertThatThrownBy(() -> CloudEvents.decode("{\"specversion\":\"1.0\",\"type\":\"dev.vigil.health.up\"}"
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CloudEvents.decode("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
