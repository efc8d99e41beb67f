package dev.vigil.health.clickhouse;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Where the ClickHouse server is and which database holds the otel_* tables; the same keys as the other services. */
@ConfigMapping(prefix = "vigil.clickhouse")
public interface ClickHouseConfig {

    /** ClickHouse's HTTP interface, {@code http://host:8123} or {@code https://host:8443}. */
    @WithDefault("http://127.0.0.1:8123")
    String url();

    @WithDefault("default")
    String username();

    Optional<String> password();

    /** The database of the otel_* tables, as the persist stage creates them. */
    @WithDefault("vigil")
    String database();

    /** How long one health query may run on the server before ClickHouse cancels it. */
    @WithDefault("10s")
    Duration queryTimeout();

    /** Fails with a message naming the setting when a value cannot work. */
    static void validate(ClickHouseConfig config) {
        URI uri;
        try {
            uri = URI.create(config.url());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("vigil.clickhouse.url is not a URL: " + config.url(), e);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalStateException(
                    "vigil.clickhouse.url must be http://host:port or https://host:port, was " + config.url());
        }
        if (!config.database().matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalStateException("vigil.clickhouse.database must be letters, digits and underscores"
                    + " not starting with a digit, was '" + config.database() + "'");
        }
        if (config.queryTimeout().toSeconds() < 1) {
            throw new IllegalStateException("vigil.clickhouse.query-timeout must be at least 1s, was "
                    + config.queryTimeout());
        }
    }
}
