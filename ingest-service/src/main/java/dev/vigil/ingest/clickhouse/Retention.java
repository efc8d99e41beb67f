package dev.vigil.ingest.clickhouse;

import java.time.Duration;

/** Renders a retention as a ClickHouse interval, in the largest unit that divides it, as the exporter does. */
final class Retention {
    private Retention() {
    }

    static String interval(Duration retention) {
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
