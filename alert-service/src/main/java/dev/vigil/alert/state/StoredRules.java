package dev.vigil.alert.state;

import dev.vigil.alert.condition.InvalidSpecException;
import dev.vigil.alert.condition.SpecReader;
import dev.vigil.alert.evaluate.Rule;
import dev.vigil.alert.rule.AlertRule;
import dev.vigil.alert.rule.AlertRuleService;
import dev.vigil.alert.rule.RuleDefinition;
import io.vertx.mutiny.sqlclient.Row;

import java.time.Duration;
import java.util.Optional;

/** A stored rule as the rule evaluation runs it. */
final class StoredRules {

    private StoredRules() {
    }

    /**
     * Reads a row of {@link AlertRuleService#COLUMNS}; empty when it does not hold a valid rule (a kind this
     * version does not know, or a spec stored before specs were checked).
     */
    static Optional<Rule> read(Row row) {
        try {
            return evaluable(AlertRuleService.read(row));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Empty when the stored spec is not valid for its kind. */
    static Optional<Rule> evaluable(AlertRule stored) {
        RuleDefinition d = stored.definition();
        try {
            return Optional.of(new Rule(stored.id(), d.name(), SpecReader.read(d.kind().id(), d.spec()),
                    Duration.ofSeconds(d.intervalSeconds()), Duration.ofSeconds(d.forSeconds()),
                    Duration.ofSeconds(d.keepFiringForSeconds()), d.labels(), d.annotations(), d.noData()));
        } catch (InvalidSpecException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
