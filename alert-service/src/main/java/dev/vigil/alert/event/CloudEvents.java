package dev.vigil.alert.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.alert.evaluate.Transition;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CloudEvents 1.0 in the structured JSON mode: the envelope ({@code specversion}, {@code id},
 * {@code source}, {@code type}, {@code subject}, {@code time}) and the {@link AlertEvent} as {@code data}.
 */
public final class CloudEvents {

    public static final String CONTENT_TYPE = "application/cloudevents+json";
    public static final String SOURCE = "/vigil/alert-service";
    /** Followed by the new state: {@code dev.vigil.alert.firing}, {@code dev.vigil.alert.resolved}, ... */
    public static final String TYPE_PREFIX = "dev.vigil.alert.";

    private static final ObjectMapper JSON = new ObjectMapper();

    private CloudEvents() {
    }

    public static AlertEvent of(Transition t) {
        var a = t.alert();
        return new AlertEvent(t.eventId(), t.at(), a.ruleId(), t.ruleName(), a.fingerprint(), t.from().id(),
                t.to().id(), a.activeAt(), a.firedAt(), a.resolvedAt(), a.value(), a.labels(), a.annotations());
    }

    public static byte[] encode(AlertEvent event) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("specversion", "1.0");
        envelope.put("id", event.id());
        envelope.put("source", SOURCE);
        envelope.put("type", TYPE_PREFIX + event.state());
        envelope.put("subject", "rules/" + event.ruleId() + "/alerts/" + event.fingerprint());
        envelope.put("time", event.time().toString());
        envelope.put("datacontenttype", "application/json");
        ObjectNode data = envelope.putObject("data");
        data.put("ruleId", event.ruleId());
        data.put("ruleName", event.ruleName());
        data.put("fingerprint", event.fingerprint());
        data.put("from", event.from());
        data.put("state", event.state());
        data.put("activeAt", event.activeAt().toString());
        data.put("firedAt", event.firedAt() == null ? null : event.firedAt().toString());
        data.put("resolvedAt", event.resolvedAt() == null ? null : event.resolvedAt().toString());
        data.put("value", event.value());
        ObjectNode labels = data.putObject("labels");
        event.labels().forEach(labels::put);
        ObjectNode annotations = data.putObject("annotations");
        event.annotations().forEach(annotations::put);
        try {
            return JSON.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an alert event always serialises", e);
        }
    }

    /**
     * @throws IllegalArgumentException when the bytes are not a CloudEvents 1.0 alert event
     */
    public static AlertEvent decode(byte[] bytes) {
        JsonNode envelope;
        try {
            envelope = JSON.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (envelope == null || !"1.0".equals(envelope.path("specversion").asText())
                || !envelope.path("type").asText().startsWith(TYPE_PREFIX)) {
            throw new IllegalArgumentException("not a CloudEvents 1.0 alert event");
        }
        JsonNode data = envelope.path("data");
        return new AlertEvent(envelope.path("id").asText(), Instant.parse(envelope.path("time").asText()),
                data.path("ruleId").asLong(), data.path("ruleName").asText(), data.path("fingerprint").asText(),
                data.path("from").asText(), data.path("state").asText(), Instant.parse(data.path("activeAt").asText()),
                instant(data.get("firedAt")), instant(data.get("resolvedAt")), data.path("value").asDouble(),
                strings(data.path("labels")), strings(data.path("annotations")));
    }

    private static Instant instant(JsonNode node) {
        return node == null || node.isNull() ? null : Instant.parse(node.asText());
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
