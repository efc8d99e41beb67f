package dev.vigil.query.trace;

import java.util.Locale;

/**
 * Span status code as the API names it: the OTLP enum without its {@code STATUS_CODE_} prefix.
 *
 * <p>Stored as text: the OpenTelemetry Collector writes {@code Unset, Ok, Error}; OTLP names
 * ({@code STATUS_CODE_ERROR}) and enum numbers are read too; anything else is {@link #UNSET}.
 */
public enum StatusCode {
    UNSET, OK, ERROR;

    static StatusCode fromStored(String stored) {
        String name = stored.strip().toUpperCase(Locale.ROOT);
        if (name.startsWith("STATUS_CODE_")) {
            name = name.substring("STATUS_CODE_".length());
        }
        return switch (name) {
            case "OK", "1" -> OK;
            case "ERROR", "2" -> ERROR;
            default -> UNSET;
        };
    }
}
