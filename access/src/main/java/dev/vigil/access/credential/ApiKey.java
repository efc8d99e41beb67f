package dev.vigil.access.credential;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An API key, {@code vgk_<id>_<secret>}: the id (12 characters of {@code a-z0-9}) finds the stored key, the secret
 * (32 random bytes, base64url) proves it. Only the secret's SHA-256 is stored, so the whole key exists once: in the
 * answer that creates it.
 */
public record ApiKey(String id, String secret) {

    public static final String PREFIX = "vgk_";
    private static final Pattern FORMAT = Pattern.compile("vgk_([a-z0-9]{12})_([A-Za-z0-9_-]{43})");

    public static ApiKey generate() {
        return new ApiKey(RandomSecrets.lowercase(12), RandomSecrets.base64url(32));
    }

    /** The key in {@code text}, or empty when it is not shaped like one. */
    public static Optional<ApiKey> parse(String text) {
        var m = FORMAT.matcher(text);
        return m.matches() ? Optional.of(new ApiKey(m.group(1), m.group(2))) : Optional.empty();
    }

    /** The whole key, as the client sends it. */
    public String text() {
        return PREFIX + id + "_" + secret;
    }

    public byte[] secretSha256() {
        return Sha256.of(secret);
    }

    @Override
    public String toString() {
        return PREFIX + id + "_…";
    }
}
