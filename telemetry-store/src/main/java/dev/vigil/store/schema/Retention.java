package dev.vigil.store.schema;

import dev.vigil.store.client.ClickHouseConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * How long each signal is kept, as the schema files' {@code ${retention.*}} placeholders receive it: a ClickHouse
 * interval in the largest unit that divides it, as the exporter writes it.
 */
public record Retention(Duration traces, Duration logs, Duration metrics) {

    public Retention {
        Objects.requireNonNull(traces, "traces");
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(metrics, "metrics");
    }

    /** The configured retentions ({@code vigil.clickhouse.retention.*}). */
    public static Retention of(ClickHouseConfig.Retention config) {
        return new Retention(config.traces(), config.logs(), config.metrics());
    }

    /** The same retention for every signal, as tests with data of their own choosing want. */
    public static Retention everySignal(Duration retention) {
        return new Retention(retention, retention, retention);
    }

    public static String interval(Duration retention) {
        long seconds = retention.toSeconds();
        if (seconds <= 0) {
            throw new IllegalArgumentException("a retention must be positive, was " + retention);
        }
        if (seconds % 86_400 == 0) {
            return "toIntervalDay(" + seconds / 86_400 + ")";
        }
        if (seconds % 3_600 == 0) {
            return "toIntervalHour(" + seconds / 3_600 + ")";
        }
        if (seconds % 60 == 0) {
            return "toIntervalMinute(" + seconds / 60 + ")";
        }
        return "toIntervalSecond(" + seconds + ")";
    }
}
