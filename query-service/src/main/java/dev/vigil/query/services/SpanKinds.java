package dev.vigil.query.services;

import dev.vigil.http.error.ApiException;
import java.util.Locale;
import java.util.Map;

/** Span kinds as the API spells them (SERVER) and as the exporter schema stores them (Server). */
public final class SpanKinds {

    private static final Map<String, String> STORED = Map.of(
            "SERVER", "Server", "CLIENT", "Client", "PRODUCER", "Producer", "CONSUMER", "Consumer",
            "INTERNAL", "Internal", "UNSPECIFIED", "Unspecified");

    private SpanKinds() {
    }

    /** The stored spelling of an API kind; 400 naming {@code parameter} for anything else. */
    public static String stored(String apiKind, String parameter) {
        String stored = STORED.get(apiKind.toUpperCase(Locale.ROOT));
        if (stored == null) {
            throw ApiException.invalidParameter("query", parameter,
                    "must be one of SERVER, CLIENT, PRODUCER, CONSUMER, INTERNAL, UNSPECIFIED");
        }
        return stored;
    }

    /** The API spelling of a stored kind. */
    public static String api(String stored) {
        return stored.isEmpty() ? "UNSPECIFIED" : stored.toUpperCase(Locale.ROOT);
    }
}
