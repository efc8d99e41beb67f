package dev.vigil.alert.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.alert.audit.AuditLog;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;

import static dev.vigil.alert.postgres.Transactions.instant;
import static dev.vigil.alert.postgres.Transactions.timestamp;

import java.text.Normalizer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Dashboards and their versions in PostgreSQL. Every save writes the dashboard and its new version row in one
 * transaction, so the latest version row always holds the current document. A save names the version it edited and
 * succeeds only while that is still the latest (a conditional UPDATE), so two people editing at once cannot lose each
 * other's work silently. Documents handed in must already be valid ({@link DashboardValidator}).
 */
@Singleton
public final class DashboardStore {

    /** How many derived uids ({@code title}, {@code title-2}, ...) a create tries before giving up. */
    private static final int MAX_DERIVED = 100;

    private static final String LIST = """
            SELECT uid, title, document->>'description' AS description,
                   CASE WHEN jsonb_typeof(document->'tags') = 'array' THEN document->'tags' ELSE '[]'::jsonb END AS tags,
                   CASE WHEN jsonb_typeof(document->'panels') = 'array' THEN jsonb_array_length(document->'panels')
                        ELSE 0 END AS panels,
                   version, updated_at, updated_by
            FROM dashboard
            ORDER BY title, uid""";
    private static final String FIND = "SELECT uid, document, version, updated_at, updated_by FROM dashboard WHERE uid = $1";
    private static final String INSERT = """
            INSERT INTO dashboard (uid, title, document, version, updated_at, updated_by) VALUES ($1, $2, $3, 1, $4, $5)
            ON CONFLICT (uid) DO NOTHING""";
    /** A save of the version edited: no row when another save came first. */
    private static final String SAVE_OVER = """
            UPDATE dashboard SET title = $2, document = $3, version = version + 1, updated_at = $4, updated_by = $5
            WHERE uid = $1 AND version = $6
            RETURNING version""";
    /** A save over whatever is latest: an import that overwrites, a restore. */
    private static final String SAVE_LATEST = """
            UPDATE dashboard SET title = $2, document = $3, version = version + 1, updated_at = $4, updated_by = $5
            WHERE uid = $1
            RETURNING version""";
    private static final String CURRENT_VERSION = "SELECT version FROM dashboard WHERE uid = $1";
    private static final String DELETE = "DELETE FROM dashboard WHERE uid = $1 RETURNING title";
    private static final String KIND = "dashboard";
    private static final String INSERT_VERSION = """
            INSERT INTO dashboard_version (uid, version, document, created_at, author, message)
            VALUES ($1, $2, $3, $4, $5, $6)""";
    private static final String VERSIONS = """
            SELECT version, created_at, author, message FROM dashboard_version WHERE uid = $1 ORDER BY version DESC""";
    private static final String VERSION = """
            SELECT version, created_at, author, message, document FROM dashboard_version WHERE uid = $1 AND version = $2""";

    /** The document's members in the order the format lists them; JSONB keeps its own order. */
    private static final List<String> MEMBER_ORDER = List.of("uid", "title", "description", "tags", "time", "refresh",
            "variables", "panels");

    private final Pool pool;
    private final ObjectMapper json;
    private final AuditLog audit;

    DashboardStore(Pool pool, ObjectMapper json, AuditLog audit) {
        this.pool = pool;
        this.json = json;
        this.audit = audit;
    }

    /** A dashboard as listed: its document's headline members and how many panels it has. */
    public record Summary(String uid, String title, String description, List<String> tags, int version,
                          Instant updatedAt, String updatedBy, int panels) {
    }

    /** The latest version of a dashboard. */
    public record Stored(String uid, int version, Instant updatedAt, String updatedBy, JsonNode document) {
    }

    /** One saved version; {@code document} is null where versions are listed. */
    public record Version(String uid, int version, Instant createdAt, String author, String message,
                          JsonNode document) {
    }

    /** What an import did: {@code created} a new dashboard, or saved over the one with its uid. */
    public record Imported(Stored dashboard, boolean created) {
    }

    /** Every dashboard, ordered by title. */
    public Uni<List<Summary>> list() {
        return pool.query(LIST).execute().map(rows -> {
            List<Summary> out = new ArrayList<>();
            for (Row row : rows) {
                JsonArray tags = row.getJsonArray("tags");
                out.add(new Summary(row.getString("uid"), row.getString("title"), row.getString("description"),
                        tags.stream().map(String::valueOf).toList(), row.getInteger("version"),
                        instant(row.getOffsetDateTime("updated_at")), row.getString("updated_by"),
                        row.getInteger("panels")));
            }
            return out;
        });
    }

    /** The dashboard; fails with {@link DashboardNotFoundException}. */
    public Uni<Stored> find(String uid) {
        return pool.preparedQuery(FIND).execute(Tuple.of(uid)).map(rows -> {
            if (rows.rowCount() == 0) {
                throw notFound(uid);
            }
            Row row = rows.iterator().next();
            return new Stored(row.getString("uid"), row.getInteger("version"),
                    instant(row.getOffsetDateTime("updated_at")), row.getString("updated_by"),
                    document(row.getJsonObject("document")));
        });
    }

    /**
     * Stores a new dashboard at version 1. Without a uid in the document, one is derived from the title
     * ({@code golden-signals}, then {@code golden-signals-2}, ...); a uid given that is taken fails with
     * {@link DashboardConflictException}.
     */
    public Uni<Stored> create(JsonNode document, String author, String message) {
        return create(document, author, message, new Change(AuditLog.CREATE, audit.actor()));
    }

    private Uni<Stored> create(JsonNode document, String author, String message, Change change) {
        ObjectNode doc = document.deepCopy();
        if (doc.hasNonNull("uid")) {
            String uid = doc.get("uid").asText();
            return insert(uid, doc, author, message, change).onItem().ifNull()
                    .failWith(() -> new DashboardConflictException("uid", "a dashboard with uid " + uid + " already exists"));
        }
        return insertDerived(slug(doc.get("title").asText()), 1, doc, author, message, change);
    }

    /** Stores the document when no dashboard has its uid; true when it did. */
    public Uni<Boolean> createIfAbsent(JsonNode document, String author, String message) {
        ObjectNode doc = document.deepCopy();
        return insert(doc.get("uid").asText(), doc, author, message, new Change(AuditLog.CREATE, audit.actor()))
                .map(stored -> stored != null);
    }

    /**
     * Saves {@code document} as the next version of {@code uid}, provided {@code edited} is still the latest;
     * otherwise fails with {@link DashboardConflictException} (or {@link DashboardNotFoundException}).
     */
    public Uni<Stored> save(String uid, int edited, JsonNode document, String author, String message) {
        ObjectNode doc = withUid(document, uid);
        Instant now = now();
        Change change = new Change(AuditLog.UPDATE, audit.actor());
        return pool.withTransaction(connection -> connection.preparedQuery(SAVE_OVER)
                .execute(Tuple.of(uid, doc.get("title").asText(), jsonb(doc), timestamp(now), author, edited))
                .flatMap(rows -> {
                    if (rows.rowCount() == 0) {
                        return connection.preparedQuery(CURRENT_VERSION).execute(Tuple.of(uid)).map(current -> {
                            if (current.rowCount() == 0) {
                                throw notFound(uid);
                            }
                            throw new DashboardConflictException("version", "version " + edited + " is not the latest: "
                                    + "dashboard " + uid + " was saved meanwhile and is at version "
                                    + current.iterator().next().getInteger("version"));
                        });
                    }
                    return addVersion(connection, uid, version(rows), doc, now, author, message, change);
                }));
    }

    /** Stores the document, over the dashboard with its uid only when {@code overwrite}; else that is a conflict. */
    public Uni<Imported> importDocument(JsonNode document, boolean overwrite, String author, String message) {
        Change change = new Change(AuditLog.IMPORT, audit.actor());
        if (!document.hasNonNull("uid")) {
            return create(document, author, message, change).map(stored -> new Imported(stored, true));
        }
        ObjectNode doc = document.deepCopy();
        String uid = doc.get("uid").asText();
        return insert(uid, doc, author, message, change).flatMap(created -> {
            if (created != null) {
                return Uni.createFrom().item(new Imported(created, true));
            }
            if (!overwrite) {
                return Uni.createFrom().failure(new DashboardConflictException("uid", "a dashboard with uid " + uid
                        + " already exists; import with overwrite=true to save over it"));
            }
            return saveLatest(uid, doc, author, message, change).map(saved -> new Imported(saved, false));
        });
    }

    /** Saves version {@code version}'s document as the new latest version. */
    public Uni<Stored> restore(String uid, int version, String author) {
        Change change = new Change(AuditLog.RESTORE, audit.actor());
        return findVersion(uid, version).flatMap(old -> saveLatest(uid, (ObjectNode) old.document(), author,
                "restored version " + version, change));
    }

    /** Deletes the dashboard and all its versions; fails with {@link DashboardNotFoundException}. */
    public Uni<Void> delete(String uid) {
        String actor = audit.actor();
        return pool.withTransaction(connection -> connection.preparedQuery(DELETE).execute(Tuple.of(uid)).flatMap(rows -> {
            if (rows.rowCount() == 0) {
                throw notFound(uid);
            }
            return audit.record(connection, actor, AuditLog.DELETE, KIND, uid, rows.iterator().next().getString("title"),
                    Map.of());
        }));
    }

    /** Every version, newest first, without documents; fails with {@link DashboardNotFoundException}. */
    public Uni<List<Version>> versions(String uid) {
        return pool.preparedQuery(VERSIONS).execute(Tuple.of(uid)).map(rows -> {
            // Every dashboard has its first version: none means no dashboard.
            if (rows.rowCount() == 0) {
                throw notFound(uid);
            }
            List<Version> out = new ArrayList<>();
            rows.forEach(row -> out.add(version(uid, row, null)));
            return out;
        });
    }

    /** One version with its document; fails with {@link DashboardNotFoundException}. */
    public Uni<Version> findVersion(String uid, int version) {
        return pool.preparedQuery(VERSION).execute(Tuple.of(uid, version)).map(rows -> {
            if (rows.rowCount() == 0) {
                throw new DashboardNotFoundException("dashboard " + uid + " has no version " + version);
            }
            Row row = rows.iterator().next();
            return version(uid, row, document(row.getJsonObject("document")));
        });
    }

    /** The uid a title gives: lowercase letters and digits, other runs as one '-'; "dashboard" when none are left. */
    static String slug(String title) {
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 56) {
            slug = slug.substring(0, 56).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "dashboard" : slug;
    }

    private Uni<Stored> insertDerived(String base, int attempt, ObjectNode doc, String author, String message,
                                      Change change) {
        String uid = attempt == 1 ? base : base + "-" + attempt;
        return insert(uid, doc, author, message, change).flatMap(stored -> {
            if (stored != null) {
                return Uni.createFrom().item(stored);
            }
            if (attempt == MAX_DERIVED) {
                return Uni.createFrom().failure(new DashboardConflictException("title",
                        "too many dashboards have uids derived from this title; give the dashboard a uid"));
            }
            return insertDerived(base, attempt + 1, doc, author, message, change);
        });
    }

    /** Version 1 of {@code uid}, or a null item when the uid is taken. */
    private Uni<Stored> insert(String uid, ObjectNode document, String author, String message, Change change) {
        ObjectNode doc = withUid(document, uid);
        Instant now = now();
        return pool.withTransaction(connection -> connection.preparedQuery(INSERT)
                .execute(Tuple.of(uid, doc.get("title").asText(), jsonb(doc), timestamp(now), author))
                .flatMap(rows -> rows.rowCount() == 0
                        ? Uni.createFrom().nullItem()
                        : addVersion(connection, uid, 1, doc, now, author, message, change)));
    }

    private Uni<Stored> saveLatest(String uid, ObjectNode document, String author, String message, Change change) {
        ObjectNode doc = withUid(document, uid);
        Instant now = now();
        return pool.withTransaction(connection -> connection.preparedQuery(SAVE_LATEST)
                .execute(Tuple.of(uid, doc.get("title").asText(), jsonb(doc), timestamp(now), author))
                .flatMap(rows -> {
                    if (rows.rowCount() == 0) {
                        throw notFound(uid);
                    }
                    return addVersion(connection, uid, version(rows), doc, now, author, message, change);
                }));
    }

    /** What is being done and by whom, for the audit entry written with the new version. */
    private record Change(String action, String actor) {
    }

    private Uni<Stored> addVersion(SqlConnection connection, String uid, int version, ObjectNode doc, Instant now,
            String author, String message, Change change) {
        String title = doc.get("title").asText();
        return connection.preparedQuery(INSERT_VERSION)
                .execute(Tuple.of(uid, version, jsonb(doc), timestamp(now), author, message == null ? "" : message))
                .call(done -> audit.record(connection, change.actor(), change.action(), KIND, uid, title,
                        Map.of("title", title, "version", version, "message", message == null ? "" : message)))
                .map(done -> new Stored(uid, version, now, author, ordered(doc)));
    }

    private static int version(RowSet<Row> rows) {
        return rows.iterator().next().getInteger("version");
    }

    private static Version version(String uid, Row row, JsonNode document) {
        return new Version(uid, row.getInteger("version"), instant(row.getOffsetDateTime("created_at")),
                row.getString("author"), row.getString("message"), document);
    }

    /** A copy of the document that names {@code uid}: the stored document always says which dashboard it is. */
    private ObjectNode withUid(JsonNode document, String uid) {
        ObjectNode copy = json.createObjectNode().put("uid", uid);
        document.properties().forEach(member -> {
            if (!member.getKey().equals("uid")) {
                copy.set(member.getKey(), member.getValue());
            }
        });
        return copy;
    }

    private static JsonObject jsonb(ObjectNode document) {
        return new JsonObject(document.toString());
    }

    private JsonNode document(JsonObject stored) {
        try {
            return ordered(json.readTree(stored.encode()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored dashboard is not JSON", e);
        }
    }

    private ObjectNode ordered(JsonNode document) {
        ObjectNode out = json.createObjectNode();
        MEMBER_ORDER.stream().filter(document::has).forEach(name -> out.set(name, document.get(name)));
        return out;
    }

    private static DashboardNotFoundException notFound(String uid) {
        return new DashboardNotFoundException("no dashboard with uid " + uid);
    }

    private static Instant now() {
        // PostgreSQL keeps microseconds: what a save answers is what a read returns.
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

}
