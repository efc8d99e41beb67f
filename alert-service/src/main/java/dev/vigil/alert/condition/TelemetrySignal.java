package dev.vigil.alert.condition;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The signal whose absence an absence rule watches. */
public enum TelemetrySignal {
    TRACES, METRICS, LOGS;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TelemetrySignal> byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(TelemetrySignal::id).toList();
    }
}
