package dev.vigil.alert.rule;

import java.time.Instant;

/** A stored alert rule: its definition, plus the identity and timestamps the database gives it. */
public record AlertRule(long id, RuleDefinition definition, Instant createdAt, Instant updatedAt) {
}
