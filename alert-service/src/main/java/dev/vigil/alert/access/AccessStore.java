package dev.vigil.alert.access;

import dev.vigil.access.role.Role;
import dev.vigil.alert.audit.AuditLog;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keys, users and sessions in PostgreSQL (migration V5); secrets arrive here already hashed. Every change of a key or
 * a user writes its audit entry ({@code audit_log}, kinds {@code key} and {@code user}) in the same transaction; the
 * summary never holds a hash.
 */
@Singleton
final class AccessStore {

    private static final String UNIQUE_VIOLATION = "23505";

    record StoredKey(String id, String name, Role role, Instant createdAt, String createdBy, Instant expiresAt,
                     Instant revokedAt) {
    }

    record StoredUser(String username, Role role, String passwordHash, Instant createdAt, String createdBy,
                      Instant updatedAt) {
    }

    private static final String KEY = "key";
    private static final String USER = "user";

    private final Pool pool;
    private final AuditLog audit;

    AccessStore(Pool pool, AuditLog audit) {
        this.pool = pool;
        this.audit = audit;
    }

    Uni<StoredKey> createKey(String id, String name, Role role, String secretSha256, String createdBy,
                             Instant expiresAt) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                        INSERT INTO access_keys (id, name, role, secret_sha256, created_at, created_by, expires_at)
                        VALUES ($1, $2, $3, $4, now(), $5, $6)
                        RETURNING id, name, role, created_at, created_by, expires_at, revoked_at""")
                .execute(Tuple.tuple(List.of(id, name, role.id(), secretSha256, createdBy)).addValue(at(expiresAt)))
                .map(rows -> key(rows.iterator().next()))
                .call(key -> audit.record(connection, createdBy, AuditLog.CREATE, KEY, key.id(), key.name(),
                        summary("role", role.id(), "expiresAt", expiresAt == null ? null : expiresAt.toString()))));
    }

    Uni<List<StoredKey>> keys() {
        return pool.query("""
                        SELECT id, name, role, created_at, created_by, expires_at, revoked_at FROM access_keys
                        ORDER BY created_at DESC, id""")
                .execute().map(rows -> {
                    List<StoredKey> keys = new ArrayList<>();
                    rows.forEach(row -> keys.add(key(row)));
                    return keys;
                });
    }

    /** Marks the key revoked (once: a second revocation keeps the first time); empty when there is no such key. */
    Uni<Optional<StoredKey>> revokeKey(String id, String actor) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                        UPDATE access_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1
                        RETURNING id, name, role, created_at, created_by, expires_at, revoked_at""")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(key(rows.iterator().next())) : Optional.<StoredKey>empty())
                .call(revoked -> revoked.isEmpty() ? Uni.createFrom().voidItem()
                        : audit.record(connection, actor, AuditLog.DELETE, KEY, id, revoked.get().name(),
                        summary("revokedAt", revoked.get().revokedAt().toString()))));
    }

    /** The new user, or empty when the name is taken. */
    Uni<Optional<StoredUser>> createUser(String username, Role role, String passwordHash, String createdBy) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                        INSERT INTO access_users (username, role, password_hash, created_at, created_by, updated_at)
                        VALUES ($1, $2, $3, now(), $4, now())
                        RETURNING username, role, password_hash, created_at, created_by, updated_at""")
                .execute(Tuple.of(username, role.id(), passwordHash, createdBy))
                .map(rows -> user(rows.iterator().next()))
                .call(user -> audit.record(connection, createdBy, AuditLog.CREATE, USER, username, username,
                        summary("role", role.id()))))
                .map(Optional::of)
                .onFailure(e -> e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState()))
                .recoverWithItem(Optional.empty());
    }

    Uni<List<StoredUser>> users() {
        return pool.query("""
                        SELECT username, role, password_hash, created_at, created_by, updated_at FROM access_users
                        ORDER BY username""")
                .execute().map(rows -> {
                    List<StoredUser> users = new ArrayList<>();
                    rows.forEach(row -> users.add(user(row)));
                    return users;
                });
    }

    Uni<Optional<StoredUser>> user(String username) {
        return pool.preparedQuery("""
                        SELECT username, role, password_hash, created_at, created_by, updated_at FROM access_users
                        WHERE username = $1""")
                .execute(Tuple.of(username))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(user(rows.iterator().next())) : Optional.empty());
    }

    /** Changes what is given (a null role or hash stays as it is); a new password ends the user's sessions. */
    Uni<Optional<StoredUser>> updateUser(String username, Role role, String passwordHash, String actor) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                                UPDATE access_users SET role = coalesce($2, role),
                                    password_hash = coalesce($3, password_hash), updated_at = now()
                                WHERE username = $1
                                RETURNING username, role, password_hash, created_at, created_by, updated_at""")
                        .execute(Tuple.of(username, role == null ? null : role.id(), passwordHash))
                        .chain(rows -> {
                            if (!rows.iterator().hasNext()) {
                                return Uni.createFrom().item(Optional.<StoredUser>empty());
                            }
                            StoredUser updated = user(rows.iterator().next());
                            Uni<Void> entry = audit.record(connection, actor, AuditLog.UPDATE, USER, username, username,
                                    summary("role", updated.role().id(), "passwordChanged", passwordHash != null));
                            if (passwordHash == null) {
                                return entry.map(ignored -> Optional.of(updated));
                            }
                            return entry.chain(() -> connection.preparedQuery("DELETE FROM access_sessions WHERE username = $1")
                                    .execute(Tuple.of(username))).map(ignored -> Optional.of(updated));
                        }));
    }

    /** Deletes the user and (by the foreign key) their sessions; false when there is no such user. */
    Uni<Boolean> deleteUser(String username, String actor) {
        return pool.withTransaction(connection -> connection.preparedQuery("DELETE FROM access_users WHERE username = $1")
                .execute(Tuple.of(username))
                .map(rows -> rows.rowCount() > 0)
                .call(deleted -> deleted ? audit.record(connection, actor, AuditLog.DELETE, USER, username, username, Map.of())
                        : Uni.createFrom().voidItem()));
    }

    /** An audit summary of name, value pairs; a null value is left out. */
    private static Map<String, Object> summary(Object... pairs) {
        Map<String, Object> summary = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                summary.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return summary;
    }

    /** Starts a session, and drops sessions that have expired so the table does not grow with old ones. */
    Uni<Void> createSession(String tokenSha256, String username, Instant expiresAt) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("INSERT INTO access_sessions (token_sha256, username, created_at, expires_at) "
                        + "VALUES ($1, $2, now(), $3)")
                .execute(Tuple.of(tokenSha256, username, at(expiresAt)))
                .chain(() -> connection.query("DELETE FROM access_sessions WHERE expires_at < now()").execute())
                .replaceWithVoid());
    }

    Uni<Void> deleteSession(String tokenSha256) {
        return pool.preparedQuery("DELETE FROM access_sessions WHERE token_sha256 = $1").execute(Tuple.of(tokenSha256))
                .replaceWithVoid();
    }

    private static StoredKey key(Row row) {
        return new StoredKey(row.getString("id"), row.getString("name"), role(row),
                instant(row.getOffsetDateTime("created_at")), row.getString("created_by"),
                instant(row.getOffsetDateTime("expires_at")), instant(row.getOffsetDateTime("revoked_at")));
    }

    private static StoredUser user(Row row) {
        return new StoredUser(row.getString("username"), role(row), row.getString("password_hash"),
                instant(row.getOffsetDateTime("created_at")), row.getString("created_by"),
                instant(row.getOffsetDateTime("updated_at")));
    }

    private static Role role(Row row) {
        return Role.parse(row.getString("role")).orElseThrow();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
