package dev.vigil.alert.rule;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.exception.ConstraintViolationException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Reads and changes alert rules; each change is one transaction. */
@ApplicationScoped
public class AlertRuleService {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String NAME_CONSTRAINT = "alert_rule_name_key";

    private final AlertRuleRepository rules;

    AlertRuleService(AlertRuleRepository rules) {
        this.rules = rules;
    }

    /** All rules, ordered by name. */
    @WithSession
    public Uni<List<AlertRule>> list() {
        return rules.listByName();
    }

    /** The rule with this id, or a {@code null} item when there is none. */
    @WithSession
    public Uni<AlertRule> find(long id) {
        return rules.findById(id);
    }

    /**
     * Stores a new rule.
     *
     * @return the stored rule, with its id; fails with {@link DuplicateRuleNameException} when the
     *         name is taken, decided by the database's unique constraint so that concurrent creates
     *         cannot both win
     */
    @WithTransaction
    public Uni<AlertRule> create(RuleDefinition definition) {
        // Microseconds: what PostgreSQL keeps, so the answer to this call equals later reads.
        AlertRule rule = AlertRule.of(definition, Instant.now().truncatedTo(ChronoUnit.MICROS));
        return rules.persistAndFlush(rule)
                .onFailure(AlertRuleService::isDuplicateName)
                .transform(failure -> new DuplicateRuleNameException(definition.name(), failure));
    }

    /** Replaces the rule's definition; a {@code null} item when there is no rule with this id. */
    @WithTransaction
    public Uni<AlertRule> update(long id, RuleDefinition definition) {
        return rules.findById(id).onItem().ifNotNull().transformToUni(rule -> {
            rule.apply(definition, Instant.now().truncatedTo(ChronoUnit.MICROS));
            return rules.flush().replaceWith(rule);
        }).onFailure(AlertRuleService::isDuplicateName)
                .transform(failure -> new DuplicateRuleNameException(definition.name(), failure));
    }

    /** Deletes the rule; the item is {@code false} when there was no rule with this id. */
    @WithTransaction
    public Uni<Boolean> delete(long id) {
        return rules.deleteById(id);
    }

    /**
     * Hibernate Reactive reports a constraint violation as Hibernate's exception; the PostgreSQL
     * client's own exception is checked as well so a change in how it is wrapped does not turn a
     * 409 into a 500.
     */
    private static boolean isDuplicateName(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation) {
                return NAME_CONSTRAINT.equals(violation.getConstraintName());
            }
            if (cause instanceof PgException pg) {
                return UNIQUE_VIOLATION.equals(pg.getSqlState()) && NAME_CONSTRAINT.equals(pg.getConstraint());
            }
        }
        return false;
    }
}
