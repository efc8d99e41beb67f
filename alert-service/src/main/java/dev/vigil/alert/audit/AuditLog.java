package dev.vigil.alert.audit;

import dev.vigil.alert.postgres.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.vigil.alert.postgres.Transactions.instant;
import static dev.vigil.alert.postgres.Transactions.timestamp;

/**
 * The {@code audit_log} table. Stores write an entry through the connection of the transaction that makes the change,
 * so a change and its entry are committed together or not at all. Summaries are given by the stores and hold no
 * secret: a channel's summary says whether its secret changed, never what it is.
 */
@Singleton
public final class AuditLog {

    public static final String CREATE = "create";
    public static final String UPDATE = "update";
    public static final String DELETE = "delete";
    public static final String RESTORE = "restore";
    public static final String IMPORT = "import";

    private static final String INSERT = """
            INSERT INTO audit_log (actor, action, object_kind, object_id, object_name, summary)
            VALUES ($1, $2, $3, $4, $5, $6)""";
    private static final String FIND = """
            SELECT id, at, actor, action, object_kind, object_id, object_name, summary FROM audit_log
            WHERE ($1::text IS NULL OR object_kind = $1) AND ($2::text IS NULL OR actor = $2)
              AND ($3::timestamptz IS NULL OR at >= $3) AND ($4::timestamptz IS NULL OR at < $4)
            ORDER BY at DESC, id DESC
            LIMIT $5""";

    private final Actor actor;
    private final Pool database;

    AuditLog(Actor actor, Pool database) {
        this.actor = actor;
        this.database = database;
    }

    /** Who is changing something now; read it when the change starts, while the request is being handled. */
    public String actor() {
        return actor.name();
    }

    /** Writes one entry through {@code transaction}, the connection that makes the change. */
    public Uni<Void> record(SqlClient transaction, String actor, String action, String objectKind, Object objectId,
                            String objectName, Map<String, ?> summary) {
        return transaction.preparedQuery(INSERT).execute(Tuple.from(Arrays.asList(actor, action, objectKind,
                String.valueOf(objectId), objectName, new JsonObject(new LinkedHashMap<>(summary)))))
                .replaceWithVoid();
    }

    /** Entries newest first; each filter may be {@code null}; {@code to} is exclusive. */
    public Uni<List<AuditEntry>> find(String objectKind, String actor, Instant from, Instant to, int limit) {
        return database.preparedQuery(FIND).execute(Tuple.from(Arrays.asList(objectKind, actor, timestamp(from),
                timestamp(to), limit))).map(rows -> Rows.all(rows, AuditLog::read));
    }

    private static AuditEntry read(Row row) {
        return new AuditEntry(row.getLong("id"), instant(row.getOffsetDateTime("at")), row.getString("actor"),
                row.getString("action"), row.getString("object_kind"), row.getString("object_id"),
                row.getString("object_name"), row.getJsonObject("summary").getMap());
    }
}
