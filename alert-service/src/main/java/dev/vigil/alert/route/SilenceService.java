package dev.vigil.alert.route;

import dev.vigil.alert.audit.AuditLog;
import dev.vigil.alert.postgres.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.vigil.alert.postgres.Transactions.instant;
import static dev.vigil.alert.postgres.Transactions.timestamp;

/** The {@code silence} table: reads and changes silences, each change one statement and its audit entry in one transaction. */
@ApplicationScoped
public class SilenceService {

    private static final String COLUMNS = "id, matchers, starts_at, ends_at, created_by, comment, created_at, updated_at";
    private static final String NEWEST_FIRST = " ORDER BY starts_at DESC, id DESC";
    private static final String ALL = "SELECT " + COLUMNS + " FROM silence" + NEWEST_FIRST;
    private static final String NOT_ENDED = "SELECT " + COLUMNS + " FROM silence WHERE ends_at > $1" + NEWEST_FIRST;
    private static final String IN_FORCE = "SELECT " + COLUMNS + " FROM silence WHERE starts_at <= now() AND ends_at > now()";
    private static final String FIND = "SELECT " + COLUMNS + " FROM silence WHERE id = $1";
    private static final String INSERT = """
            INSERT INTO silence (matchers, starts_at, ends_at, created_by, comment, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $6)
            RETURNING\s""" + COLUMNS;
    private static final String UPDATE = """
            UPDATE silence SET matchers = $1, starts_at = $2, ends_at = $3, created_by = $4, comment = $5, updated_at = $6
            WHERE id = $7
            RETURNING\s""" + COLUMNS;
    private static final String DELETE = "DELETE FROM silence WHERE id = $1 RETURNING matchers";
    private static final String KIND = "silence";

    private final Pool database;
    private final AuditLog audit;

    SilenceService(Pool database, AuditLog audit) {
        this.database = database;
        this.audit = audit;
    }

    /** Silences that have not ended, or all when {@code includeExpired}; newest first. */
    public Uni<List<Silence>> list(boolean includeExpired) {
        return (includeExpired ? database.query(ALL).execute()
                : database.preparedQuery(NOT_ENDED).execute(Tuple.of(timestamp(Instant.now()))))
                .map(rows -> Rows.all(rows, SilenceService::read));
    }

    /** The silences in force at the database's now, read through {@code client}: the pool, or a transaction's connection. */
    public Uni<List<Silence>> inForce(SqlClient client) {
        return client.query(IN_FORCE).execute().map(rows -> Rows.all(rows, SilenceService::read));
    }

    public Uni<Silence> find(long id) {
        return database.preparedQuery(FIND).execute(Tuple.of(id)).map(rows -> Rows.first(rows, SilenceService::read));
    }

    public Uni<Silence> create(SilenceDefinition definition) {
        String actor = audit.actor();
        return database.withTransaction(c -> c.preparedQuery(INSERT).execute(Tuple.from(columns(definition)))
                .map(rows -> Rows.first(rows, SilenceService::read))
                .call(created -> audit.record(c, actor, AuditLog.CREATE, KIND, created.id(), name(definition.matchers()),
                        summary(definition))));
    }

    /** The updated silence, or a {@code null} item when there is none. */
    public Uni<Silence> update(long id, SilenceDefinition definition) {
        List<Object> parameters = columns(definition);
        parameters.add(id);
        String actor = audit.actor();
        return database.withTransaction(c -> c.preparedQuery(UPDATE).execute(Tuple.from(parameters))
                .map(rows -> Rows.first(rows, SilenceService::read))
                .call(updated -> updated == null ? Uni.createFrom().voidItem() : audit.record(c, actor, AuditLog.UPDATE,
                        KIND, id, name(definition.matchers()), summary(definition))));
    }

    public Uni<Boolean> delete(long id) {
        String actor = audit.actor();
        return database.withTransaction(c -> c.preparedQuery(DELETE).execute(Tuple.of(id))
                .call(rows -> rows.rowCount() == 0 ? Uni.createFrom().voidItem() : audit.record(c, actor,
                        AuditLog.DELETE, KIND, id, String.join(", ", rows.iterator().next().getArrayOfStrings("matchers")),
                        Map.of()))
                .map(rows -> rows.rowCount() > 0));
    }

    /** A silence has no name: the audit log names it by its matchers. */
    private static String name(List<Matcher> matchers) {
        return String.join(", ", matchers.stream().map(Matcher::toString).toList());
    }

    /** What a change set, for the audit log. */
    private static Map<String, Object> summary(SilenceDefinition d) {
        Map<String, Object> summary = new java.util.LinkedHashMap<>();
        summary.put("matchers", d.matchers().stream().map(Matcher::toString).toList());
        summary.put("startsAt", d.startsAt().toString());
        summary.put("endsAt", d.endsAt().toString());
        summary.put("createdBy", d.createdBy());
        summary.put("comment", d.comment());
        return summary;
    }

    private static Silence read(Row row) {
        return new Silence(row.getLong("id"), new SilenceDefinition(
                Arrays.stream(row.getArrayOfStrings("matchers")).map(Matcher::parse).toList(),
                instant(row.getOffsetDateTime("starts_at")), instant(row.getOffsetDateTime("ends_at")),
                row.getString("created_by"), row.getString("comment")),
                instant(row.getOffsetDateTime("created_at")), instant(row.getOffsetDateTime("updated_at")));
    }

    /** The parameters of {@link #INSERT} and the first of {@link #UPDATE}. */
    private static List<Object> columns(SilenceDefinition d) {
        return new ArrayList<>(Arrays.asList(d.matchers().stream().map(Matcher::toString).toArray(String[]::new),
                timestamp(d.startsAt()), timestamp(d.endsAt()), d.createdBy(), d.comment(),
                timestamp(Instant.now().truncatedTo(ChronoUnit.MICROS))));
    }
}
