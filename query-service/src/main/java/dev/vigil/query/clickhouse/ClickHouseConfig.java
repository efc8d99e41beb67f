package dev.vigil.query.clickhouse;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Where ClickHouse is and how much one query may cost. Checked at start-up by {@link ClickHouseConfigCheck}.
 */
@ConfigMapping(prefix = "vigil.clickhouse")
interface ClickHouseConfig {

    /** HTTP(S) endpoint of ClickHouse, scheme, host and port, e.g. {@code http://127.0.0.1:8123}. */
    @WithDefault("http://127.0.0.1:8123")
    String url();

    @WithDefault("default")
    String username();

    /** Absent for a user without password (the embedded server's {@code default} user). */
    Optional<String> password();

    /** Database holding the {@code otel_*} tables; the persist stage creates it. */
    @WithDefault("vigil")
    String database();

    /** Cost guards ClickHouse enforces on every read, so one request cannot starve the cluster. */
    Query query();

    interface Query {

        /** ClickHouse {@code max_execution_time}; whole seconds, at least one. */
        @WithDefault("30s")
        Duration maxExecutionTime();

        /** ClickHouse {@code max_rows_to_read}. */
        @WithDefault("100000000")
        long maxRowsToRead();

        /** ClickHouse {@code max_memory_usage}, in bytes. */
        @WithDefault("1073741824")
        long maxMemoryUsage();
    }
}
