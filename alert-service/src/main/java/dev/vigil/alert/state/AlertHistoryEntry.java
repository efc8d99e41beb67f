package dev.vigil.alert.state;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Map;

/** One recorded state change of an alert. */
@Entity
@Immutable
@Table(name = "alert_history")
public class AlertHistoryEntry {

    @Id
    Long id;
    @Column(name = "event_id")
    String eventId;
    @Column(name = "rule_id")
    long ruleId;
    @Column(name = "rule_name")
    String ruleName;
    String fingerprint;
    @Column(name = "from_state")
    String fromState;
    @Column(name = "to_state")
    String toState;
    Instant at;
    double value;
    @JdbcTypeCode(SqlTypes.JSON)
    Map<String, String> labels;
    @JdbcTypeCode(SqlTypes.JSON)
    Map<String, String> annotations;

    protected AlertHistoryEntry() {
    }

    public String eventId() {
        return eventId;
    }

    public long ruleId() {
        return ruleId;
    }

    public String ruleName() {
        return ruleName;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public String fromState() {
        return fromState;
    }

    public String toState() {
        return toState;
    }

    public Instant at() {
        return at;
    }

    public double value() {
        return value;
    }

    public Map<String, String> labels() {
        return Map.copyOf(labels);
    }

    public Map<String, String> annotations() {
        return Map.copyOf(annotations);
    }
}
