package dev.vigil.alert.rule;

import dev.vigil.alert.condition.NoData;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A stored alert rule: its definition, plus the identity and timestamps the database gives it. */
@Entity
@Table(name = "alert_rule")
public class AlertRule {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "name", nullable = false)
    private String name;

    @Convert(converter = RuleKindColumn.class)
    @Column(name = "kind", nullable = false)
    private RuleKind kind;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "spec", nullable = false)
    private Map<String, Object> spec;

    @Column(name = "interval_seconds", nullable = false)
    private int intervalSeconds;

    @Column(name = "for_seconds", nullable = false)
    private int forSeconds;

    @Column(name = "keep_firing_for_seconds", nullable = false)
    private int keepFiringForSeconds;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "labels", nullable = false)
    private Map<String, String> labels;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "annotations", nullable = false)
    private Map<String, String> annotations;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    @Convert(converter = NoDataColumn.class)
    @Column(name = "no_data", nullable = false)
    private NoData noData;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** For Hibernate. */
    protected AlertRule() {
    }

    static AlertRule of(RuleDefinition definition, Instant now) {
        AlertRule rule = new AlertRule();
        rule.name = definition.name();
        rule.kind = definition.kind();
        // Mutable copies: Hibernate compares and copies these values when it checks for changes.
        rule.spec = new LinkedHashMap<>(definition.spec());
        rule.intervalSeconds = definition.intervalSeconds();
        rule.forSeconds = definition.forSeconds();
        rule.keepFiringForSeconds = definition.keepFiringForSeconds();
        rule.labels = new LinkedHashMap<>(definition.labels());
        rule.annotations = new LinkedHashMap<>(definition.annotations());
        rule.enabled = definition.enabled();
        rule.noData = definition.noData();
        rule.createdAt = now;
        rule.updatedAt = now;
        return rule;
    }

    void apply(RuleDefinition definition, Instant now) {
        name = definition.name();
        kind = definition.kind();
        spec = new LinkedHashMap<>(definition.spec());
        intervalSeconds = definition.intervalSeconds();
        forSeconds = definition.forSeconds();
        keepFiringForSeconds = definition.keepFiringForSeconds();
        labels = new LinkedHashMap<>(definition.labels());
        annotations = new LinkedHashMap<>(definition.annotations());
        enabled = definition.enabled();
        noData = definition.noData();
        updatedAt = now;
    }

    public Long id() {
        return id;
    }

    public RuleDefinition definition() {
        return new RuleDefinition(name, kind, spec, intervalSeconds, forSeconds, keepFiringForSeconds, labels,
                annotations, enabled, noData);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
