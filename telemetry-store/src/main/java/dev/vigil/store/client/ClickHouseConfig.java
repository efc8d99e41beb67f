package dev.vigil.store.client;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything {@code vigil.clickhouse.*}: where the ClickHouse server is, which database holds Vigil's tables, how
 * long each signal is kept, and what one read may cost. Every service maps this one interface; a service that needs
 * another default than the one here sets it in its {@code application.properties}. {@link ClickHouseConfigCheck}
 * checks it at start-up.
 */
@ConfigMapping(prefix = "vigil.clickhouse")
public interface ClickHouseConfig {

    /** ClickHouse's HTTP interface, {@code http://host:8123} or {@code https://host:8443}. */
    @WithDefault("http://127.0.0.1:8123")
    String url();

    @WithDefault("default")
    String username();

    /** Empty when the server lets the user in without one, as a fresh server does for {@code default}. */
    Optional<String> password();

    /** The database of the {@code otel_*} and {@code vigil_*} tables; the persist stage creates it at start-up. */
    @WithDefault("vigil")
    String database();

    /** How long to wait for a connection to ClickHouse. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** How long a request may wait for the next bytes of ClickHouse's answer before it fails. */
    @WithDefault("60s")
    Duration socketTimeout();

    /** How long each signal is kept: the TTL of its tables, written when the schema is created. */
    Retention retention();

    /** Cost guards ClickHouse enforces on every read, so one request cannot starve the server. */
    Query query();

    /** Where the schema lives: one server, or a replicated, sharded ClickHouse cluster. */
    Cluster cluster();

    interface Cluster {
        /**
         * The cluster's name in the servers' {@code remote_servers}; empty (the default) for a single server. When
         * set, the migrator creates every table and view {@code ON CLUSTER}: {@code Replicated*MergeTree} tables
         * named {@code <table>_local} and {@code Distributed} tables under the names readers and writers use.
         */
        Optional<String> name();
    }

    interface Retention {
        /** Spans, and the views drawn from them; dropped a whole day's partition at a time. */
        @WithDefault("7d")
        Duration traces();

        /** Log records, and the access logs drawn from them. */
        @WithDefault("7d")
        Duration logs();

        /** Metric data points of every type. */
        @WithDefault("30d")
        Duration metrics();
    }

    interface Query {
        /** ClickHouse {@code max_execution_time} of one read; whole seconds, at least one. */
        @WithDefault("30s")
        Duration maxExecutionTime();

        /** ClickHouse {@code max_rows_to_read} of one read. */
        @WithDefault("100000000")
        long maxRowsToRead();

        /** ClickHouse {@code max_memory_usage} of one read, in bytes. */
        @WithDefault("1073741824")
        long maxMemoryUsage();
    }
}
