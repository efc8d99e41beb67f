package dev.vigil.alert.access;

import dev.vigil.alert.audit.AuditLog;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ingest tokens in PostgreSQL (migration V8, table {@code access_ingest_tokens}, which ingest-service reads); the
 * secret arrives here already hashed. Each creation and revocation writes its audit entry (kind
 * {@code ingest-token}) in the same transaction; the summary never holds the secret or its hash.
 */
@Singleton
final class IngestTokenStore {

    static final String KIND = "ingest-token";
    private static final String COLUMNS = "id, name, signals, pipelines, created_at, created_by, expires_at, revoked_at";

    /** A stored token without its hash; {@code pipelines} is null when it may send to every pipeline. */
    record StoredIngestToken(String id, String name, List<String> signals, List<String> pipelines, Instant createdAt,
                             String createdBy, Instant expiresAt, Instant revokedAt) {
    }

    private final Pool pool;
    private final AuditLog audit;

    IngestTokenStore(Pool pool, AuditLog audit) {
        this.pool = pool;
        this.audit = audit;
    }

    Uni<StoredIngestToken> create(String id, String name, List<String> signals, List<String> pipelines,
                                  String secretSha256, String createdBy, Instant expiresAt) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                        INSERT INTO access_ingest_tokens
                            (id, name, signals, pipelines, secret_sha256, created_at, created_by, expires_at)
                        VALUES ($1, $2, $3, $4, $5, now(), $6, $7)
                        RETURNING\s""" + COLUMNS)
                .execute(Tuple.from(Arrays.asList(id, name, signals.toArray(String[]::new),
                        pipelines == null ? null : pipelines.toArray(String[]::new), secretSha256, createdBy,
                        at(expiresAt))))
                .map(rows -> token(rows.iterator().next()))
                .call(token -> audit.record(connection, createdBy, AuditLog.CREATE, KIND, token.id(), token.name(),
                        summary(token))));
    }

    /** Every token, newest first, revoked and expired ones included. */
    Uni<List<StoredIngestToken>> list() {
        return pool.query("SELECT " + COLUMNS + " FROM access_ingest_tokens ORDER BY created_at DESC, id")
                .execute().map(rows -> {
                    List<StoredIngestToken> tokens = new ArrayList<>();
                    rows.forEach(row -> tokens.add(token(row)));
                    return tokens;
                });
    }

    /** Marks the token revoked (once: a second revocation keeps the first time); empty when there is no such token. */
    Uni<Optional<StoredIngestToken>> revoke(String id, String actor) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                        UPDATE access_ingest_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1
                        RETURNING\s""" + COLUMNS)
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(token(rows.iterator().next()))
                        : Optional.<StoredIngestToken>empty())
                .call(revoked -> revoked.isEmpty() ? Uni.createFrom().voidItem()
                        : audit.record(connection, actor, AuditLog.DELETE, KIND, id, revoked.get().name(),
                        Map.of("revokedAt", revoked.get().revokedAt().toString()))));
    }

    private static Map<String, Object> summary(StoredIngestToken token) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("signals", token.signals());
        if (token.pipelines() != null) {
            summary.put("pipelines", token.pipelines());
        }
        if (token.expiresAt() != null) {
            summary.put("expiresAt", token.expiresAt().toString());
        }
        return summary;
    }

    private static StoredIngestToken token(Row row) {
        String[] pipelines = row.getArrayOfStrings("pipelines");
        return new StoredIngestToken(row.getString("id"), row.getString("name"),
                List.of(row.getArrayOfStrings("signals")), pipelines == null ? null : List.of(pipelines),
                instant(row.getOffsetDateTime("created_at")), row.getString("created_by"),
                instant(row.getOffsetDateTime("expires_at")), instant(row.getOffsetDateTime("revoked_at")));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
