package dev.vigil.alert.state;

import dev.vigil.alert.evaluate.Rule;
import dev.vigil.alert.evaluate.RuleSource;
import dev.vigil.alert.postgres.Transactions;
import dev.vigil.alert.rule.AlertRuleService;
import io.micrometer.core.instrument.Counter;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Leases on rules, one row per rule in {@code rule_lease}: each call renews the leases this replica
 * holds and claims those of enabled rules that nobody holds or whose holder let them expire. The upsert
 * decides atomically, so of two replicas claiming one rule exactly one gets it.
 */
final class RuleLeases implements RuleSource {

    private static final String CLAIM = """
            WITH held AS (
                INSERT INTO rule_lease (rule_id, owner, expires_at)
                SELECT id, $1, now() + make_interval(secs => $2) FROM alert_rule WHERE enabled
                ON CONFLICT (rule_id) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
                WHERE rule_lease.owner = EXCLUDED.owner OR rule_lease.expires_at < now()
                RETURNING rule_id
            )
            SELECT %s FROM alert_rule r JOIN held h ON h.rule_id = r.id ORDER BY r.id
            """.formatted(AlertRuleService.COLUMNS);

    private static final String RELEASE = "DELETE FROM rule_lease WHERE owner = $1";

    private final Transactions database;
    private final String owner;
    private final Duration duration;
    private final Counter unreadable;

    RuleLeases(Transactions database, String owner, Duration duration, Counter unreadable) {
        this.database = database;
        this.owner = owner;
        this.duration = duration;
        this.unreadable = unreadable;
    }

    @Override
    public List<Rule> heldRules() throws Exception {
        return database.withConnection(c -> {
            List<Rule> rules = new ArrayList<>();
            for (Row row : c.preparedQuery(CLAIM).executeAndAwait(Tuple.of(owner, duration.toMillis() / 1000.0))) {
                StoredRules.read(row).ifPresentOrElse(rules::add, unreadable::increment);
            }
            return rules;
        });
    }

    /** Gives every lease up, so another replica takes the rules over at once rather than after expiry. */
    void releaseAll() throws Exception {
        database.withConnection(c -> c.preparedQuery(RELEASE).executeAndAwait(Tuple.of(owner)));
    }

    String owner() {
        return owner;
    }
}
