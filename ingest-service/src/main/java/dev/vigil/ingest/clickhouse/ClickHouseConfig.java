package dev.vigil.ingest.clickhouse;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.Optional;

/** Where the ClickHouse server is and which database holds Vigil's tables. */
@ConfigMapping(prefix = "vigil.clickhouse")
interface ClickHouseConfig {

    /** ClickHouse's HTTP interface, {@code http://host:8123} or {@code https://host:8443}. */
    @WithDefault("http://127.0.0.1:8123")
    String url();

    @WithDefault("default")
    String username();

    /** Empty when the server lets the user in without one, as a fresh server does for {@code default}. */
    Optional<String> password();

    /** The database of the otel_* tables; created at start-up when it does not exist. */
    @WithDefault("vigil")
    String database();

    /**
     * Fails with a message naming the setting when a value cannot work. The database name is
     * written into DDL, so it is held to the characters of a plain identifier.
     */
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
        if (!SqlScript.isPlainIdentifier(config.database())) {
            throw new IllegalStateException("vigil.clickhouse.database must be letters, digits and underscores"
                    + " not starting with a digit, was '" + config.database() + "'");
        }
    }
}
