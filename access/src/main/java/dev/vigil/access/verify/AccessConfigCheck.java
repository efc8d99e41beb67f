package dev.vigil.access.verify;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.regex.Pattern;

/** Fails the start on a setting that would otherwise fail every request later, naming the setting. */
@Singleton
final class AccessConfigCheck {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    void check(@Observes StartupEvent start, AccessConfig config) {
        config.adminKeySha256().ifPresent(hash -> sha256Hex("vigil.access.admin-key-sha256", "key", hash));
        config.ingestTokenSha256().ifPresent(hash -> sha256Hex("vigil.access.ingest-token-sha256", "token", hash));
        positive("vigil.access.cache-ttl", config.cacheTtl().toMillis());
        positive("vigil.access.session-duration", config.sessionDuration().toMillis());
        if (config.passwordIterations() < 10_000) {
            throw new IllegalArgumentException("vigil.access.password-iterations must be at least 10000, got "
                    + config.passwordIterations());
        }
        positive("vigil.access.login-failures", config.loginFailures());
        positive("vigil.access.login-failure-window", config.loginFailureWindow().toMillis());
        identityProvider(config.oidc());
    }

    /** The role mapping is checked even when off, so a typo shows before the provider is switched on. */
    private static void identityProvider(AccessConfig.Oidc oidc) {
        IdentityProviderRoles roles = IdentityProviderRoles.of(oidc.roles());
        if (!oidc.enabled()) {
            return;
        }
        if (oidc.issuer().isEmpty()) {
            throw new IllegalArgumentException("vigil.access.oidc.issuer must be set when vigil.access.oidc.enabled"
                    + " is true: the identity provider's issuer URL");
        }
        if (oidc.clientId().isEmpty() && oidc.audience().isEmpty()) {
            throw new IllegalArgumentException("vigil.access.oidc.client-id (or vigil.access.oidc.audience) must be"
                    + " set when vigil.access.oidc.enabled is true: tokens must name Vigil as their audience");
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("vigil.access.oidc.roles.<viewer|editor|admin> must map at least one"
                    + " value of the claim " + oidc.roleClaim() + " when vigil.access.oidc.enabled is true;"
                    + " otherwise every caller of the provider is refused");
        }
    }

    private static void sha256Hex(String key, String what, String hash) {
        if (!SHA256_HEX.matcher(hash).matches()) {
            throw new IllegalArgumentException(key + " must be 64 hexadecimal characters (the SHA-256 of the whole "
                    + what + "), got " + hash.length() + " characters");
        }
    }

    private static void positive(String key, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be positive, got " + value);
        }
    }
}
