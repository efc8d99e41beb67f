package dev.vigil.store.client;

import java.time.Duration;
import java.util.Optional;

/** A {@link ClickHouseConfig} with the documented defaults, for changing one setting at a time. */
record TestConfig(String url, String username, Optional<String> password, String database, Duration connectTimeout,
        Duration socketTimeout, Retention retention, Query query, Cluster cluster) implements ClickHouseConfig {

    record Retention(Duration traces, Duration logs, Duration metrics) implements ClickHouseConfig.Retention {
    }

    record Query(Duration maxExecutionTime, long maxRowsToRead, long maxMemoryUsage) implements ClickHouseConfig.Query {
    }

    record Cluster(Optional<String> name) implements ClickHouseConfig.Cluster {
    }

    static final Cluster SINGLE_SERVER = new Cluster(Optional.empty());
    static final Retention RETENTION = new Retention(Duration.ofDays(7), Duration.ofDays(7), Duration.ofDays(30));
    static final Query GUARDS = new Query(Duration.ofSeconds(30), 100_000_000, 1L << 30);

    static TestConfig defaults() {
        return new TestConfig("http://127.0.0.1:8123", "default", Optional.empty(), "vigil", Duration.ofSeconds(5),
                Duration.ofSeconds(60), RETENTION, GUARDS, SINGLE_SERVER);
    }

    TestConfig withUrl(String url) {
        return new TestConfig(url, username, password, database, connectTimeout, socketTimeout, retention, query,
                cluster);
    }

    TestConfig withUsername(String username) {
        return new TestConfig(url, username, password, database, connectTimeout, socketTimeout, retention, query,
                cluster);
    }

    TestConfig withDatabase(String database) {
        return new TestConfig(url, username, password, database, connectTimeout, socketTimeout, retention, query,
                cluster);
    }

    TestConfig withRetention(Retention retention) {
        return new TestConfig(url, username, password, database, connectTimeout, socketTimeout, retention, query,
                cluster);
    }

    TestConfig withCluster(String name) {
        return new TestConfig(url, username, password, database, connectTimeout, socketTimeout, retention, query,
                new Cluster(Optional.of(name)));
    }

    TestConfig withQuery(Query query) {
        return new TestConfig(url, username, password, database, connectTimeout, socketTimeout, retention, query,
                cluster);
    }
}
