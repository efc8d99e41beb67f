package dev.vigil.access.verify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithDefaults;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How credentials are checked ({@code vigil.access.*}); validated at start by {@link AccessConfigCheck}. */
@ConfigMapping(prefix = "vigil.access")
public interface AccessConfig {

    /**
     * Hex of the SHA-256 of the whole bootstrap admin key ({@code vgk_…}): an admin key named {@code bootstrap} that
     * is never stored, so a fresh installation has a first credential. Absent: no such key.
     */
    Optional<String> adminKeySha256();

    /**
     * Hex of the SHA-256 of the whole bootstrap ingest token ({@code vgi_…}): an ingest token named
     * {@code bootstrap-ingest} for every signal and pipeline, never stored, which works when PostgreSQL cannot be
     * reached. Absent: no such token.
     */
    Optional<String> ingestTokenSha256();

    /**
     * How long a verified key, session or ingest token is trusted without asking PostgreSQL again: the longest a
     * revoked key or token, a deleted user or a changed role goes on working on another service instance.
     */
    @WithDefault("10s")
    Duration cacheTtl();

    /** How long a login session lasts. */
    @WithDefault("12h")
    Duration sessionDuration();

    /** PBKDF2-HMAC-SHA256 iterations for new password hashes (OWASP's 2023 advice for this hash: 600 000). */
    @WithDefault("600000")
    int passwordIterations();

    /** Failed logins of one user name within {@link #loginFailureWindow()} after which further attempts get 429. */
    @WithDefault("5")
    int loginFailures();

    @WithDefault("5m")
    Duration loginFailureWindow();

    /** Access tokens of an OpenID Connect identity provider; off by default. */
    Oidc oidc();

    /**
     * An identity provider whose JWT access tokens are callers on every service, next to keys and sessions. These
     * settings feed quarkus-oidc's default tenant ({@code quarkus.oidc.*}, in this module's
     * {@code META-INF/microprofile-config.properties}), so they are the only ones an installation sets.
     */
    interface Oidc {

        /** Off: no identity provider is contacted, and a JWT is refused like any unknown credential. */
        @WithDefault("false")
        boolean enabled();

        /** The provider's issuer URL; its {@code /.well-known/openid-configuration} names the JWKS. */
        Optional<String> issuer();

        /** The client id Vigil is registered under at the provider. */
        Optional<String> clientId();

        /**
         * The audiences a token may name ({@code aud}), one of which it must; the client id when not set. Grafana's
         * client id belongs here when Grafana forwards its users' tokens.
         */
        Optional<List<String>> audience();

        /** The claim with the caller's groups or roles; a path such as {@code realm_access/roles} reaches into objects. */
        @WithDefault("groups")
        String roleClaim();

        /**
         * Which claim values give which role: {@code roles.admin=vigil-admins}, {@code roles.viewer=staff,contractors}.
         * A caller gets the highest role one of its values maps to; a caller with none is refused everywhere (403).
         */
        @WithDefaults
        Map<String, List<String>> roles();
    }
}
