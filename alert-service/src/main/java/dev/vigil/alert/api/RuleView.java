package dev.vigil.alert.api;

import dev.vigil.alert.rule.AlertRule;
import dev.vigil.alert.rule.RuleDefinition;

import java.time.Instant;
import java.util.Map;

/** A rule as the API shows it. */
public record RuleView(
        long id,
        String name,
        String kind,
        Map<String, Object> spec,
        int intervalSeconds,
        int forSeconds,
        int keepFiringForSeconds,
        Map<String, String> labels,
        Map<String, String> annotations,
        boolean enabled,
        String noData,
        Instant createdAt,
        Instant updatedAt) {

    static RuleView of(AlertRule rule) {
        RuleDefinition definition = rule.definition();
        return new RuleView(rule.id(), definition.name(), definition.kind().id(), definition.spec(),
                definition.intervalSeconds(), definition.forSeconds(), definition.keepFiringForSeconds(),
                definition.labels(), definition.annotations(), definition.enabled(), definition.noData().id(), rule.createdAt(),
                rule.updatedAt());
    }
}
