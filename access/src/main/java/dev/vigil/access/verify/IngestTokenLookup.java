package dev.vigil.access.verify;

import dev.vigil.access.credential.IngestToken;
import dev.vigil.access.credential.Sha256;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds what an ingest token ({@code vgi_…}) may send. The configured bootstrap token
 * ({@link AccessConfig#ingestTokenSha256()}) is a grant of everything, named {@value #BOOTSTRAP}, and needs no
 * PostgreSQL. Other tokens are looked up in {@code access_ingest_tokens} (alert-service's migrations own it; the
 * ingest side only reads it), revoked and expired ones excluded, the secret's hash compared in constant time. A found
 * grant is kept for {@link AccessConfig#cacheTtl()}, never past the token's expiry; a token not found is not kept, so
 * a new token works at once.
 *
 * <p>The returned {@link Uni} fails when PostgreSQL cannot answer: that says nothing about the token, so the caller
 * must answer it as "unavailable, send it again later", not as an unknown token.
 */
@Singleton
public final class IngestTokenLookup {

    public static final String BOOTSTRAP = "bootstrap-ingest";

    private static final String TOKEN = """
            SELECT name, signals, pipelines, secret_sha256, expires_at FROM access_ingest_tokens
            WHERE id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())""";

    private record Found(IngestGrant grant, Optional<java.time.Instant> expires) {
    }

    private final Pool pool;
    private final AccessConfig config;
    private final Optional<byte[]> bootstrapSha256;
    private final ExpiringCache<IngestGrant> cache;

    @Inject
    IngestTokenLookup(Pool pool, AccessConfig config) {
        this(pool, config, Clock.systemUTC());
    }

    IngestTokenLookup(Pool pool, AccessConfig config, Clock clock) {
        this.pool = pool;
        this.config = config;
        this.bootstrapSha256 = config.ingestTokenSha256().map(hex -> HexFormat.of().parseHex(hex.toLowerCase()));
        this.cache = new ExpiringCache<>(clock);
    }

    /**
     * What {@code token} may send; empty when it is no ingest token, or an unknown, revoked or expired one. Fails
     * when PostgreSQL cannot be asked (only the bootstrap token is answered then).
     */
    public Uni<Optional<IngestGrant>> grant(String token) {
        byte[] sha256 = Sha256.of(token);
        if (bootstrapSha256.isPresent() && Sha256.same(bootstrapSha256.get(), sha256)) {
            return Uni.createFrom().item(Optional.of(IngestGrant.everything(BOOTSTRAP)));
        }
        Optional<IngestToken> parsed = IngestToken.parse(token);
        if (parsed.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        String cacheKey = HexFormat.of().formatHex(sha256);
        Optional<IngestGrant> cached = cache.get(cacheKey);
        if (cached.isPresent()) {
            return Uni.createFrom().item(cached);
        }
        return find(parsed.get()).map(found -> {
            found.ifPresentOrElse(f -> cache.put(cacheKey, f.grant(), config.cacheTtl(), f.expires()),
                    () -> cache.remove(cacheKey));
            return found.map(Found::grant);
        });
    }

    /** Drops every remembered grant: after a revocation, this instance sees it at once. */
    public void forgetAll() {
        cache.clear();
    }

    private Uni<Optional<Found>> find(IngestToken token) {
        return pool.preparedQuery(TOKEN).execute(Tuple.of(token.id())).map(rows -> {
            RowIterator<Row> it = rows.iterator();
            if (!it.hasNext()) {
                return Optional.empty();
            }
            Row row = it.next();
            if (!Sha256.sameAsStored(row.getString("secret_sha256"), token.secretSha256())) {
                return Optional.empty();
            }
            String[] pipelines = row.getArrayOfStrings("pipelines");
            IngestGrant grant = new IngestGrant(row.getString("name"), names(row.getArrayOfStrings("signals")),
                    Optional.ofNullable(pipelines).map(IngestTokenLookup::names));
            return Optional.of(new Found(grant, CredentialLookup.expires(row)));
        });
    }

    private static Set<String> names(String[] values) {
        return values == null ? Set.of()
                : Arrays.stream(values).filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
    }
}
