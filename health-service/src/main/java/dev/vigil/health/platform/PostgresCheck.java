package dev.vigil.health.platform;

import dev.vigil.health.status.HealthStatus;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Properties;

/**
 * Checks PostgreSQL by logging in and running {@code SELECT 1}, on a fresh connection each time: a pool would
 * hide a database that stopped accepting new sessions. Blocking: call it from a worker thread.
 */
@Startup // built at start-up, off the event loop that runs the first probe round
@Singleton
final class PostgresCheck {

    private static final org.postgresql.Driver DRIVER = new org.postgresql.Driver();

    private final PlatformConfig.Postgres config;
    private final Properties properties = new Properties();
    private final Clock clock = Clock.systemUTC();

    PostgresCheck(PlatformConfig config) {
        this.config = config.postgres();
        if (!this.config.jdbcUrl().startsWith("jdbc:postgresql:")) {
            throw new IllegalStateException("vigil.health.postgres.jdbc-url must start with jdbc:postgresql:, was "
                    + this.config.jdbcUrl());
        }
        String seconds = Long.toString(Math.max(1, config.probeTimeout().toSeconds()));
        properties.setProperty("user", this.config.username());
        this.config.password().ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("loginTimeout", seconds);
        properties.setProperty("socketTimeout", seconds);
        properties.setProperty("ApplicationName", "vigil-health");
    }

    PostgresHealth check() {
        long start = System.nanoTime();
        // The driver directly, not DriverManager: which drivers DriverManager sees depends on class loaders.
        try (Connection connection = DRIVER.connect(config.jdbcUrl(), properties);
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            return new PostgresHealth(HealthStatus.HEALTHY, null, (System.nanoTime() - start) / 1_000_000,
                    clock.instant());
        } catch (SQLException e) {
            return new PostgresHealth(HealthStatus.CRITICAL, "unreachable: " + e.getMessage(), null, clock.instant());
        }
    }
}
