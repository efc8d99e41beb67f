package dev.vigil.alert.state;

import dev.vigil.alert.evaluate.Alert;
import dev.vigil.alert.evaluate.AlertState;
import dev.vigil.alert.evaluate.Outcome;
import dev.vigil.alert.evaluate.Rule;
import dev.vigil.alert.evaluate.StateStore;
import dev.vigil.alert.evaluate.Transition;
import dev.vigil.alert.postgres.Transactions;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.vigil.alert.postgres.Transactions.instant;
import static dev.vigil.alert.postgres.Transactions.json;
import static dev.vigil.alert.postgres.Transactions.timestamp;

/**
 * Alert states in {@code alert_instance} and their changes in {@code alert_history}. A save is fenced
 * by the lease: a replica that lost a rule's lease (say, after a long pause) stores nothing for it.
 */
final class PostgresStateStore implements StateStore {

    private static final String LOAD = """
            SELECT rule_id, fingerprint, state, active_at, fired_at, resolved_at, last_violation_at,
                   last_evaluated_at, value, labels, annotations
            FROM alert_instance WHERE rule_id = $1
            """;
    private static final String HOLDS_LEASE = """
            SELECT 1 FROM rule_lease WHERE rule_id = $1 AND owner = $2 AND expires_at > now() FOR UPDATE
            """;
    private static final String UPSERT = """
            INSERT INTO alert_instance (rule_id, fingerprint, state, active_at, fired_at, resolved_at,
                last_violation_at, last_evaluated_at, value, labels, annotations)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (rule_id, fingerprint) DO UPDATE SET state = EXCLUDED.state, active_at = EXCLUDED.active_at,
                fired_at = EXCLUDED.fired_at, resolved_at = EXCLUDED.resolved_at,
                last_violation_at = EXCLUDED.last_violation_at, last_evaluated_at = EXCLUDED.last_evaluated_at,
                value = EXCLUDED.value, labels = EXCLUDED.labels, annotations = EXCLUDED.annotations
            """;
    private static final String DELETE = "DELETE FROM alert_instance WHERE rule_id = $1 AND fingerprint = $2";
    private static final String HISTORY = """
            INSERT INTO alert_history (event_id, rule_id, rule_name, fingerprint, from_state, to_state, at, value,
                labels, annotations)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (event_id) DO NOTHING
            """;

    private final Transactions database;
    private final String owner;

    PostgresStateStore(Transactions database, String owner) {
        this.database = database;
        this.owner = owner;
    }

    @Override
    public List<Alert> load(long ruleId) throws Exception {
        return database.withConnection(c -> {
            List<Alert> alerts = new ArrayList<>();
            for (Row row : c.preparedQuery(LOAD).executeAndAwait(Tuple.of(ruleId))) {
                alerts.add(new Alert(row.getLong("rule_id"), row.getString("fingerprint"),
                        AlertState.byId(row.getString("state")), instant(row.getOffsetDateTime("active_at")),
                        instant(row.getOffsetDateTime("fired_at")), instant(row.getOffsetDateTime("resolved_at")),
                        instant(row.getOffsetDateTime("last_violation_at")),
                        instant(row.getOffsetDateTime("last_evaluated_at")), row.getDouble("value"),
                        Transactions.strings(row.getJsonObject("labels")),
                        Transactions.strings(row.getJsonObject("annotations"))));
            }
            return alerts;
        });
    }

    @Override
    public boolean save(Rule rule, Outcome outcome) throws Exception {
        return database.inTransaction(c -> {
            if (c.preparedQuery(HOLDS_LEASE).executeAndAwait(Tuple.of(rule.id(), owner)).rowCount() == 0) {
                return false;
            }
            for (Alert a : outcome.alerts()) {
                if (a.state() == AlertState.INACTIVE) {
                    c.preparedQuery(DELETE).executeAndAwait(Tuple.of(a.ruleId(), a.fingerprint()));
                } else {
                    c.preparedQuery(UPSERT).executeAndAwait(Tuple.from(Arrays.asList(a.ruleId(), a.fingerprint(),
                            a.state().id(), timestamp(a.activeAt()), timestamp(a.firedAt()),
                            timestamp(a.resolvedAt()), timestamp(a.lastViolationAt()),
                            timestamp(a.lastEvaluatedAt()), a.value(), json(a.labels()), json(a.annotations()))));
                }
            }
            for (Transition t : outcome.transitions()) {
                Alert a = t.alert();
                c.preparedQuery(HISTORY).executeAndAwait(Tuple.from(List.of(t.eventId(), a.ruleId(), t.ruleName(),
                        a.fingerprint(), t.from().id(), t.to().id(), timestamp(t.at()), a.value(), json(a.labels()),
                        json(a.annotations()))));
            }
            return true;
        });
    }
}
