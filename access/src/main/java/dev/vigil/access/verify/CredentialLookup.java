package dev.vigil.access.verify;

import dev.vigil.access.credential.ApiKey;
import dev.vigil.access.credential.IngestToken;
import dev.vigil.access.credential.Sha256;
import dev.vigil.access.role.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Finds the caller a credential stands for, in PostgreSQL's access tables (alert-service's migrations own them;
 * the other services only read them). A found caller is kept for {@link AccessConfig#cacheTtl()}, never past the
 * key's or session's own expiry, so most requests cost no query; a credential not found is not kept, so a key works
 * as soon as it is created. An ingest token ({@code vgi_…}) stands for no caller: it may send telemetry and nothing
 * else.
 */
@Singleton
public final class CredentialLookup {

    private static final String KEY = """
            SELECT name, role, secret_sha256, expires_at FROM access_keys
            WHERE id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())""";
    private static final String SESSION = """
            SELECT u.username, u.role, s.expires_at FROM access_sessions s JOIN access_users u ON u.username = s.username
            WHERE s.token_sha256 = $1 AND s.expires_at > now()""";

    private record Found(Caller caller, Optional<Instant> expires) {
    }

    private final Pool pool;
    private final AccessConfig config;
    private final Optional<byte[]> bootstrapSha256;
    private final ExpiringCache<Caller> cache = new ExpiringCache<>(Clock.systemUTC());

    CredentialLookup(Pool pool, AccessConfig config) {
        this.pool = pool;
        this.config = config;
        this.bootstrapSha256 = config.adminKeySha256().map(hex -> HexFormat.of().parseHex(hex.toLowerCase()));
    }

    /** The caller {@code credential} (an API key or a session token) stands for; empty when it stands for none. */
    public Uni<Optional<Caller>> caller(String credential) {
        byte[] sha256 = Sha256.of(credential);
        if (bootstrapSha256.isPresent() && Sha256.same(bootstrapSha256.get(), sha256)) {
            return Uni.createFrom().item(Optional.of(new Caller("bootstrap", Caller.Kind.KEY, Role.ADMIN)));
        }
        if (credential.startsWith(IngestToken.PREFIX)) {
            return Uni.createFrom().item(Optional.empty());
        }
        String cacheKey = HexFormat.of().formatHex(sha256);
        Optional<Caller> cached = cache.get(cacheKey);
        if (cached.isPresent()) {
            return Uni.createFrom().item(cached);
        }
        Uni<Optional<Found>> found = credential.startsWith(ApiKey.PREFIX)
                ? ApiKey.parse(credential).map(this::key).orElse(Uni.createFrom().item(Optional.empty()))
                : session(cacheKey);
        return found.map(f -> {
            f.ifPresentOrElse(c -> cache.put(cacheKey, c.caller(), config.cacheTtl(), c.expires()),
                    () -> cache.remove(cacheKey));
            return f.map(Found::caller);
        });
    }

    /** Drops every remembered caller: after a revocation or a change of users, this instance sees it at once. */
    public void forgetAll() {
        cache.clear();
    }

    private Uni<Optional<Found>> key(ApiKey key) {
        return pool.preparedQuery(KEY).execute(Tuple.of(key.id())).map(rows -> {
            RowIterator<Row> it = rows.iterator();
            if (!it.hasNext()) {
                return Optional.empty();
            }
            Row row = it.next();
            if (!Sha256.sameAsStored(row.getString("secret_sha256"), key.secretSha256())) {
                return Optional.empty();
            }
            return Optional.of(new Found(new Caller(row.getString("name"), Caller.Kind.KEY, role(row)),
                    expires(row)));
        });
    }

    private Uni<Optional<Found>> session(String tokenSha256) {
        return pool.preparedQuery(SESSION).execute(Tuple.of(tokenSha256)).map(rows -> {
            RowIterator<Row> it = rows.iterator();
            if (!it.hasNext()) {
                return Optional.empty();
            }
            Row row = it.next();
            return Optional.of(new Found(new Caller(row.getString("username"), Caller.Kind.USER, role(row)),
                    expires(row)));
        });
    }

    static Optional<Instant> expires(Row row) {
        return Optional.ofNullable(row.getOffsetDateTime("expires_at")).map(OffsetDateTime::toInstant);
    }

    private static Role role(Row row) {
        return Role.parse(row.getString("role"))
                .orElseThrow(() -> new IllegalStateException("unknown role in the access tables: " + row.getString("role")));
    }
}
