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

/** An alert's stored state, read for the API; evaluation writes it ({@link PostgresStateStore}). */
@Entity
@Immutable
@Table(name = "alert_instance")
public class AlertInstance {

    @Id
    Long id;
    @Column(name = "rule_id")
    long ruleId;
    String fingerprint;
    String state;
    @Column(name = "active_at")
    Instant activeAt;
    @Column(name = "fired_at")
    Instant firedAt;
    @Column(name = "resolved_at")
    Instant resolvedAt;
    @Column(name = "last_evaluated_at")
    Instant lastEvaluatedAt;
    double value;
    @JdbcTypeCode(SqlTypes.JSON)
    Map<String, String> labels;
    @JdbcTypeCode(SqlTypes.JSON)
    Map<String, String> annotations;

    protected AlertInstance() {
    }

    public long ruleId() {
        return ruleId;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public String state() {
        return state;
    }

    public Instant activeAt() {
        return activeAt;
    }

    public Instant firedAt() {
        return firedAt;
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }

    public Instant lastEvaluatedAt() {
        return lastEvaluatedAt;
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
