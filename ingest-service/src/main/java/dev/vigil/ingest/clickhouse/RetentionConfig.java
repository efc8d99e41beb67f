package dev.vigil.ingest.clickhouse;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.Instant;

/** How long each signal is kept: the TTL of its tables, applied when the schema is created. */
@ConfigMapping(prefix = "vigil.retention")
interface RetentionConfig {
    /**
     * ClickHouse computes a TTL as a DateTime, whose last second is 2106-02-07T06:28:15Z; a TTL
     * beyond it wraps around to 1970 and drops the data at once. Every retention must end, from now,
     * before this instant (a month of margin for rows stamped in the future).
     */
    Instant LATEST_EXPIRY = Instant.parse("2106-01-01T00:00:00Z");

    /** Spans older than this are dropped, a whole day's partition at a time. */
    @WithDefault("7d")
    Duration traces();

    /** Log records, and the access logs drawn from them. */
    @WithDefault("7d")
    Duration logs();

    /** Metric data points of every type. */
    @WithDefault("30d")
    Duration metrics();

    static void validate(RetentionConfig config) {
        validate(config, Instant.now());
    }

    static void validate(RetentionConfig config, Instant now) {
        check("vigil.retention.traces", config.traces(), now);
        check("vigil.retention.logs", config.logs(), now);
        check("vigil.retention.metrics", config.metrics(), now);
    }

    private static void check(String key, Duration retention, Instant now) {
        if (retention.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalStateException(key + " must be at least 1h, was " + retention);
        }
        Duration longest = Duration.between(now, LATEST_EXPIRY);
        if (retention.compareTo(longest) > 0) {
            throw new IllegalStateException(key + " must be at most " + longest.toDays() + "d, so that data expires before "
                    + LATEST_EXPIRY + " (the last time ClickHouse's TTL can hold); was " + retention.toDays() + "d");
        }
    }
}
