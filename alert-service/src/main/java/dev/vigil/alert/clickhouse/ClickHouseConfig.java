package dev.vigil.alert.clickhouse;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Where the telemetry is, and how long one rule's query may run. */
@ConfigMapping(prefix = "vigil.clickhouse")
public interface ClickHouseConfig {

    /** HTTP(S) endpoint of ClickHouse, e.g. {@code http://127.0.0.1:8123}. */
    @WithDefault("http://127.0.0.1:8123")
    String url();

    @WithDefault("default")
    String username();

    Optional<String> password();

    /** Database holding the {@code otel_*} tables. */
    @WithDefault("vigil")
    String database();

    /** ClickHouse {@code max_execution_time} of one rule's query; whole seconds, at least 1. */
    @WithDefault("20s")
    Duration queryTimeout();

    /** Every problem found, each naming its setting. */
    static void validate(ClickHouseConfig config) {
        if (!config.url().matches("https?://[^/\\s]+(:\\d+)?/?")) {
            throw new IllegalStateException("vigil.clickhouse.url must be http(s)://host:port, was '" + config.url() + "'");
        }
        if (!config.database().matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalStateException("vigil.clickhouse.database must be a plain identifier, was '"
                    + config.database() + "'");
        }
        if (config.queryTimeout().getSeconds() < 1 || config.queryTimeout().toNanosPart() != 0) {
            throw new IllegalStateException("vigil.clickhouse.query-timeout must be whole seconds, at least 1s, was "
                    + config.queryTimeout());
        }
    }
}
