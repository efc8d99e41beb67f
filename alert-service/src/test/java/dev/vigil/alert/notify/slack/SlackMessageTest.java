package dev.vigil.alert.notify.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alert.notify.NotifiedAlert;
import dev.vigil.alert.notify.Notification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackMessageTest {

    /** The hole: label and annotation values went into Slack's mrkdwn as they were, so telemetry could ping everyone. */
    @Test
    void telemetrysTextCannotMentionPingOrLink() {
        NotifiedAlert alert = new NotifiedAlert("firing", 1, "errors <!channel>", "f1", 3, Instant.EPOCH, null,
                Map.of("service", "<!channel> checkout", "severity", "<@U123>", "alertname", "errors <!here>"),
                Map.of("summary", "see <https://evil.example|your bank>", "description", "a & b"), "https://vigil.example/alerting");
        Notification n = new Notification("k", "g", "d", "firing", "slack", Map.of("alertname", "errors <!here>"),
                List.of(alert), "https://vigil.example");

        com.fasterxml.jackson.databind.node.ObjectNode json = SlackNotifier.message(n);
        // What Slack parses for mentions and links: the message's text and every mrkdwn text (plain_text is shown as is).
        StringBuilder parsed = new StringBuilder(json.get("text").asText());
        json.findParents("type").stream().filter(node -> node.path("type").asText().equals("mrkdwn"))
                .forEach(node -> parsed.append('\n').append(node.get("text").asText()));
        String message = parsed.toString();

        assertThat(message).doesNotContain("<!channel>", "<!here>", "<@U123>", "<https://evil.example");
        assertThat(message).contains("&lt;!channel&gt; checkout", "&lt;@U123&gt;", "a &amp; b");
        // Vigil's own link stays a link.
        assertThat(message).contains("<https://vigil.example/alerting|View in Vigil>");
    }
}
