package dev.vigil.access.verify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
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
}
