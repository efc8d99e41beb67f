package dev.vigil.access.credential;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An ingest token, {@code vgi_<id>_<secret>}: what an OpenTelemetry exporter or a Prometheus server sends with its
 * data ({@code Authorization: Bearer vgi_…}). Shaped like an {@link ApiKey} (id of 12 {@code a-z0-9}, secret of 32
 * random bytes in base64url, only the secret's SHA-256 stored) but a different kind of credential: it may send
 * telemetry and nothing else, and no API key may send telemetry.
 */
public record IngestToken(String id, String secret) {

    public static final String PREFIX = "vgi_";
    private static final Pattern FORMAT = Pattern.compile("vgi_([a-z0-9]{12})_([A-Za-z0-9_-]{43})");

    public static IngestToken generate() {
        return new IngestToken(RandomSecrets.lowercase(12), RandomSecrets.base64url(32));
    }

    /** The token in {@code text}, or empty when it is not shaped like one. */
    public static Optional<IngestToken> parse(String text) {
        var m = FORMAT.matcher(text);
        return m.matches() ? Optional.of(new IngestToken(m.group(1), m.group(2))) : Optional.empty();
    }

    /** The whole token, as the client sends it. */
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
