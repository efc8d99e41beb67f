package dev.vigil.ingest.clickhouse;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long each signal is kept: the TTL of its tables, applied when the schema is created. */
@ConfigMapping(prefix = "vigil.retention")
interface RetentionConfig {

    /** Spans older than this are dropped, a whole day's partition at a time. */
    @WithDefault("7d")
    Duration traces();

    static void validate(RetentionConfig config) {
        if (config.traces().compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalStateException("vigil.retention.traces must be at least 1h, was " + config.traces());
        }
    }
}
