package dev.vigil.query.trace;

import java.util.Locale;

/**
 * Span kind as the API names it: the OTLP enum without its {@code SPAN_KIND_} prefix.
 *
 * <p>The ClickHouse exporter schema stores the kind as text. The OpenTelemetry Collector writes
 * {@code Unspecified, Internal, Server, Client, Producer, Consumer}; other writers use the OTLP names
 * ({@code SPAN_KIND_SERVER}) or the enum number. All of these are read; anything else, like an unknown enum
 * value in OTLP, is {@link #UNSPECIFIED}.
 */
public enum SpanKind {
    UNSPECIFIED, INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER;

    static SpanKind fromStored(String stored) {
        String name = stored.strip().toUpperCase(Locale.ROOT);
        if (name.startsWith("SPAN_KIND_")) {
            name = name.substring("SPAN_KIND_".length());
        }
        return switch (name) {
            case "INTERNAL", "1" -> INTERNAL;
            case "SERVER", "2" -> SERVER;
            case "CLIENT", "3" -> CLIENT;
            case "PRODUCER", "4" -> PRODUCER;
            case "CONSUMER", "5" -> CONSUMER;
            default -> UNSPECIFIED;
        };
    }
}
