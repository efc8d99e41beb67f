package dev.vigil.alert.secret;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/** The keys channel secrets are encrypted with in PostgreSQL. */
@ConfigMapping(prefix = "vigil.alert.secrets")
public interface SecretsConfig {

    /**
     * The key new secrets are encrypted with: 32 random bytes, base64 ({@code openssl rand -base64 32}). Required:
     * the service does not start without it. {@code ./vigil up} generates one into {@code $VIGIL_HOME}.
     */
    Optional<String> key();

    /**
     * Keys used before {@link #key()}, same format: secrets encrypted with one of them are still read, and encrypted
     * again with the current key at start.
     */
    Optional<List<String>> previousKeys();
}
