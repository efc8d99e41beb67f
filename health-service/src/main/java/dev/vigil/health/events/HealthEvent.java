package dev.vigil.health.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.health.status.HealthStatus;
import dev.vigil.health.status.StatusChange;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A status change as a CloudEvents 1.0 event in the structured JSON format: the envelope's attributes, the
 * change as {@code data}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record HealthEvent(String specversion, String id, String source, String type, String subject, Instant time,
        String datacontenttype, Data data) {

    /** The CloudEvents {@code type} of every health event. */
    static final String TYPE = "dev.vigil.health.status.changed";

    /** The content type of a structured-mode CloudEvent in JSON, sent as the record's {@code content-type} header. */
    static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    /** @param previous {@code null} when the subject was not known before */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Data(String subject, HealthStatus previous, HealthStatus status, List<String> reasons) {
    }

    static HealthEvent of(StatusChange change, String source) {
        return new HealthEvent("1.0", UUID.randomUUID().toString(), source, TYPE, change.subject(), change.at(),
                "application/json", new Data(change.subject(), change.previous(), change.status(), change.reasons()));
    }
}
