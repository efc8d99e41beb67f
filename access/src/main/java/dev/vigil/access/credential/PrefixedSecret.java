package dev.vigil.access.credential;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What API keys and ingest tokens share: the shape {@code <prefix><id>_<secret>}, where the id (12 characters of
 * {@code a-z0-9}) finds the stored credential and the secret (32 random bytes, base64url) proves it. Only the secret's
 * SHA-256 is stored, so the whole text exists once: in the answer that creates it. The prefix says which kind it is,
 * so one can never be taken for the other.
 */
sealed interface PrefixedSecret permits ApiKey, IngestToken {

    String id();

    String secret();

    String prefix();

    /** The whole credential, as the client sends it. */
    default String text() {
        return prefix() + id() + "_" + secret();
    }

    default byte[] secretSha256() {
        return Sha256.of(secret());
    }

    /** {@code <prefix><id>_…}: the credential without its secret, for logs and messages. */
    default String withoutSecret() {
        return prefix() + id() + "_…";
    }

    /** A new random id and secret. */
    static String[] generate() {
        return new String[] {RandomSecrets.lowercase(12), RandomSecrets.base64url(32)};
    }

    /** The id and secret of {@code text} when it has the shape with {@code prefix}; empty otherwise. */
    static Optional<String[]> parse(String prefix, String text) {
        var m = Pattern.compile(Pattern.quote(prefix) + "([a-z0-9]{12})_([A-Za-z0-9_-]{43})").matcher(text);
        return m.matches() ? Optional.of(new String[] {m.group(1), m.group(2)}) : Optional.empty();
    }
}
