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
