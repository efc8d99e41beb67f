package dev.vigil.alert.rule;

import dev.vigil.alert.audit.AuditLog;
import dev.vigil.alert.condition.NoData;
import dev.vigil.alert.postgres.Constraints;
import dev.vigil.alert.postgres.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.vigil.alert.postgres.Transactions.instant;
import static dev.vigil.alert.postgres.Transactions.json;
import static dev.vigil.alert.postgres.Transactions.strings;
import static dev.vigil.alert.postgres.Transactions.timestamp;

/**
 * The {@code alert_rule} table: reads and changes rules, each change one statement and its audit entry in one
 * transaction. {@link #COLUMNS} and
 * {@link #read(Row)} are the one mapping of its rows; evaluation selects the same columns and reads them here.
 */
@ApplicationScoped
public class AlertRuleService {

    /** The columns {@link #read(Row)} reads, of the table named {@code r}. */
    public static final String COLUMNS = "r.id, r.name, r.kind, r.spec, r.interval_seconds, r.for_seconds, "
            + "r.keep_firing_for_seconds, r.labels, r.annotations, r.enabled, r.no_data, r.created_at, r.updated_at";

    private static final String NAME_CONSTRAINT = "alert_rule_name_key";
    private static final String LIST = "SELECT " + COLUMNS + " FROM alert_rule r ORDER BY r.name";
    private static final String FIND = "SELECT " + COLUMNS + " FROM alert_rule r WHERE r.id = $1";
    private static final String INSERT = """
            INSERT INTO alert_rule AS r (name, kind, spec, interval_seconds, for_seconds, keep_firing_for_seconds,
                labels, annotations, enabled, no_data, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
            RETURNING\s""" + COLUMNS;
    private static final String UPDATE = """
            UPDATE alert_rule r SET name = $1, kind = $2, spec = $3, interval_seconds = $4, for_seconds = $5,
                keep_firing_for_seconds = $6, labels = $7, annotations = $8, enabled = $9, no_data = $10,
                updated_at = $11
            WHERE r.id = $12
            RETURNING\s""" + COLUMNS;
    private static final String DELETE = "DELETE FROM alert_rule WHERE id = $1 RETURNING name";
    private static final String KIND = "rule";

    private final Pool database;
    private final AuditLog audit;

    AlertRuleService(Pool database, AuditLog audit) {
        this.database = database;
        this.audit = audit;
    }

    /** All rules, ordered by name. */
    public Uni<List<AlertRule>> list() {
        return database.query(LIST).execute().map(rows -> Rows.all(rows, AlertRuleService::read));
    }

    /** The rule with this id, or a {@code null} item when there is none. */
    public Uni<AlertRule> find(long id) {
        return database.preparedQuery(FIND).execute(Tuple.of(id)).map(rows -> Rows.first(rows, AlertRuleService::read));
    }

    /**
     * Stores a new rule.
     *
     * @return the stored rule, with its id; fails with {@link DuplicateRuleNameException} when the
     *         name is taken, decided by the database's unique constraint so that concurrent creates
     *         cannot both win
     */
    public Uni<AlertRule> create(RuleDefinition definition) {
        String actor = audit.actor();
        return database.withTransaction(c -> c.preparedQuery(INSERT).execute(Tuple.from(columns(definition)))
                        .map(rows -> Rows.first(rows, AlertRuleService::read))
                        .call(created -> audit.record(c, actor, AuditLog.CREATE, KIND, created.id(), definition.name(),
                                summary(definition))))
                .onFailure(AlertRuleService::isDuplicateName)
                .transform(failure -> new DuplicateRuleNameException(definition.name(), failure));
    }

    /** Replaces the rule's definition; a {@code null} item when there is no rule with this id. */
    public Uni<AlertRule> update(long id, RuleDefinition definition) {
        List<Object> parameters = columns(definition);
        parameters.add(id);
        String actor = audit.actor();
        return database.withTransaction(c -> c.preparedQuery(UPDATE).execute(Tuple.from(parameters))
                        .map(rows -> Rows.first(rows, AlertRuleService::read))
                        .call(updated -> updated == null ? Uni.createFrom().voidItem() : audit.record(c, actor,
                                AuditLog.UPDATE, KIND, id, definition.name(), summary(definition))))
                .onFailure(AlertRuleService::isDuplicateName)
                .transform(failure -> new DuplicateRuleNameException(definition.name(), failure));
    }

    /** Deletes the rule, with its alerts; the item is {@code false} when there was no rule with this id. */
    public Uni<Boolean> delete(long id) {
        String actor = audit.actor();
        return database.withTransaction(c -> c.preparedQuery(DELETE).execute(Tuple.of(id))
                .call(rows -> rows.rowCount() == 0 ? Uni.createFrom().voidItem() : audit.record(c, actor,
                        AuditLog.DELETE, KIND, id, rows.iterator().next().getString("name"), java.util.Map.of()))
                .map(rows -> rows.rowCount() > 0));
    }

    /** What a change set, for the audit log: the definition as stored. */
    private static java.util.Map<String, Object> summary(RuleDefinition d) {
        java.util.Map<String, Object> summary = new java.util.LinkedHashMap<>();
        summary.put("name", d.name());
        summary.put("kind", d.kind().id());
        summary.put("spec", d.spec());
        summary.put("intervalSeconds", d.intervalSeconds());
        summary.put("forSeconds", d.forSeconds());
        summary.put("keepFiringForSeconds", d.keepFiringForSeconds());
        summary.put("labels", d.labels());
        summary.put("annotations", d.annotations());
        summary.put("enabled", d.enabled());
        summary.put("noData", d.noData().id());
        return summary;
    }

    /**
     * Reads a row of {@link #COLUMNS}. Fails with {@link IllegalArgumentException} when it holds a kind or a
     * no-data setting this version does not know, or values the definition refuses.
     */
    public static AlertRule read(Row row) {
        String kind = row.getString("kind");
        String noData = row.getString("no_data");
        RuleDefinition definition = new RuleDefinition(row.getString("name"),
                RuleKind.byId(kind).orElseThrow(() -> new IllegalArgumentException(
                        "alert_rule.kind holds '" + kind + "', which this version does not know; known: " + RuleKind.ids())),
                row.getJsonObject("spec").getMap(), row.getInteger("interval_seconds"), row.getInteger("for_seconds"),
                row.getInteger("keep_firing_for_seconds"), strings(row.getJsonObject("labels")),
                strings(row.getJsonObject("annotations")), row.getBoolean("enabled"),
                NoData.byId(noData).orElseThrow(() -> new IllegalArgumentException(
                        "alert_rule.no_data holds '" + noData + "', which this version does not know; known: " + NoData.ids())));
        return new AlertRule(row.getLong("id"), definition, instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("updated_at")));
    }

    /** The parameters of {@link #INSERT} and the first of {@link #UPDATE}: the definition and the time of the change. */
    private static List<Object> columns(RuleDefinition d) {
        // Microseconds: what PostgreSQL keeps, so the answer to this call equals later reads.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new ArrayList<>(Arrays.asList(d.name(), d.kind().id(), json(d.spec()), d.intervalSeconds(),
                d.forSeconds(), d.keepFiringForSeconds(), json(d.labels()), json(d.annotations()), d.enabled(),
                d.noData().id(), timestamp(now)));
    }

    private static boolean isDuplicateName(Throwable failure) {
        return Constraints.violated(failure).filter(NAME_CONSTRAINT::equals).isPresent();
    }
}
