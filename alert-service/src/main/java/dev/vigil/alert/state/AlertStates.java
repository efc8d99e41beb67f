package dev.vigil.alert.state;

import dev.vigil.alert.evaluate.Alert;
import dev.vigil.alert.evaluate.AlertState;
import dev.vigil.alert.evaluate.Outcome;
import dev.vigil.alert.evaluate.Rule;
import dev.vigil.alert.evaluate.Transition;
import dev.vigil.alert.postgres.Rows;
import dev.vigil.alert.postgres.Transactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.List;

import static dev.vigil.alert.postgres.Transactions.instant;
import static dev.vigil.alert.postgres.Transactions.json;
import static dev.vigil.alert.postgres.Transactions.strings;
import static dev.vigil.alert.postgres.Transactions.timestamp;

/**
 * Alert states in {@code alert_instance} and their changes in {@code alert_history}, each table read by one row
 * mapper: for the API, and for evaluation, which blocks on the same reads and saves its outcomes here.
 */
@Singleton
public final class AlertStates {

    private static final String INSTANCE_COLUMNS = "rule_id, fingerprint, state, active_at, fired_at, resolved_at, "
            + "last_violation_at, last_evaluated_at, value, labels, annotations";
    private static final String HISTORY_COLUMNS = "event_id, rule_id, rule_name, fingerprint, from_state, to_state, at, "
            + "value, labels, annotations";

    private static final String OF_RULE = "SELECT " + INSTANCE_COLUMNS + " FROM alert_instance WHERE rule_id = $1";
    private static final String CURRENT = "SELECT " + INSTANCE_COLUMNS + " FROM alert_instance"
            + " WHERE state IN ('pending', 'firing', 'nodata') ORDER BY active_at, id";
    private static final String CURRENT_OF_RULE = "SELECT " + INSTANCE_COLUMNS + " FROM alert_instance"
            + " WHERE state IN ('pending', 'firing', 'nodata') AND rule_id = $1 ORDER BY active_at, id";
    // Two statements rather than one with an optional rule, so that each is planned on its own index.
    private static final String HISTORY = "SELECT " + HISTORY_COLUMNS + " FROM alert_history"
            + " ORDER BY at DESC, id DESC LIMIT $1";
    private static final String HISTORY_OF_RULE = "SELECT " + HISTORY_COLUMNS + " FROM alert_history"
            + " WHERE rule_id = $1 ORDER BY at DESC, id DESC LIMIT $2";

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
    private static final String RECORD = """
            INSERT INTO alert_history (event_id, rule_id, rule_name, fingerprint, from_state, to_state, at, value,
                labels, annotations)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (event_id) DO NOTHING
            """;

    private final Pool database;
    private final Transactions transactions;

    AlertStates(Pool database, Transactions transactions) {
        this.database = database;
        this.transactions = transactions;
    }

    /** Pending, firing and nodata alerts, of one rule when {@code ruleId} is given; oldest first. */
    public Uni<List<Alert>> current(Long ruleId) {
        return (ruleId == null ? database.query(CURRENT).execute()
                : database.preparedQuery(CURRENT_OF_RULE).execute(Tuple.of(ruleId)))
                .map(rows -> Rows.all(rows, AlertStates::alert));
    }

    /** The newest {@code limit} state changes, of one rule when {@code ruleId} is given; newest first. */
    public Uni<List<AlertHistoryEntry>> history(Long ruleId, int limit) {
        return (ruleId == null ? database.preparedQuery(HISTORY).execute(Tuple.of(limit))
                : database.preparedQuery(HISTORY_OF_RULE).execute(Tuple.of(ruleId, limit)))
                .map(rows -> Rows.all(rows, AlertStates::historyEntry));
    }

    /** Every stored alert of the rule, whatever its state. */
    Uni<List<Alert>> ofRule(long ruleId) {
        return database.preparedQuery(OF_RULE).execute(Tuple.of(ruleId)).map(rows -> Rows.all(rows, AlertStates::alert));
    }

    /**
     * Stores an evaluation's outcome in one transaction, blocking: alerts that became inactive are deleted, the
     * others upserted, and each transition recorded once. Fenced by the lease: stores nothing, and answers
     * {@code false}, unless {@code owner} holds the rule's lease (a replica that lost it, say after a long pause).
     */
    boolean save(String owner, Rule rule, Outcome outcome) throws Exception {
        return transactions.inTransaction(c -> {
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
                c.preparedQuery(RECORD).executeAndAwait(Tuple.from(List.of(t.eventId(), a.ruleId(), t.ruleName(),
                        a.fingerprint(), t.from().id(), t.to().id(), timestamp(t.at()), a.value(), json(a.labels()),
                        json(a.annotations()))));
            }
            return true;
        });
    }

    private static Alert alert(Row row) {
        return new Alert(row.getLong("rule_id"), row.getString("fingerprint"), AlertState.byId(row.getString("state")),
                instant(row.getOffsetDateTime("active_at")), instant(row.getOffsetDateTime("fired_at")),
                instant(row.getOffsetDateTime("resolved_at")), instant(row.getOffsetDateTime("last_violation_at")),
                instant(row.getOffsetDateTime("last_evaluated_at")), row.getDouble("value"),
                strings(row.getJsonObject("labels")), strings(row.getJsonObject("annotations")));
    }

    private static AlertHistoryEntry historyEntry(Row row) {
        return new AlertHistoryEntry(row.getString("event_id"), row.getLong("rule_id"), row.getString("rule_name"),
                row.getString("fingerprint"), row.getString("from_state"), row.getString("to_state"),
                instant(row.getOffsetDateTime("at")), row.getDouble("value"), strings(row.getJsonObject("labels")),
                strings(row.getJsonObject("annotations")));
    }
}
