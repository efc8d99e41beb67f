package dev.vigil.access.credential;

import java.util.Optional;

/**
 * An ingest token, {@code vgi_<id>_<secret>} ({@link PrefixedSecret}): what an OpenTelemetry exporter or a Prometheus
 * server sends with its data ({@code Authorization: Bearer vgi_…}). It may send telemetry and nothing else, and no API
 * key may send telemetry.
 */
public record IngestToken(String id, String secret) implements PrefixedSecret {

    public static final String PREFIX = "vgi_";

    public static IngestToken generate() {
        String[] parts = PrefixedSecret.generate();
        return new IngestToken(parts[0], parts[1]);
    }

    /** The token in {@code text}, or empty when it is not shaped like one. */
    public static Optional<IngestToken> parse(String text) {
        return PrefixedSecret.parse(PREFIX, text).map(parts -> new IngestToken(parts[0], parts[1]));
    }

    @Override
    public String prefix() {
        return PREFIX;
    }

    @Override
    public String toString() {
        return withoutSecret();
    }
}
