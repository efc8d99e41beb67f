package dev.vigil.alert.schema;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date before the service takes requests, from the numbered SQL files in
 * {@code db/migration}. A failed migration stops the start-up: running against a schema the code
 * does not expect would fail later and less clearly.
 */
@Singleton
final class SchemaMigration {

    private final SchemaConfig config;

    SchemaMigration(SchemaConfig config) {
        this.config = config;
    }

    void migrateAtStart(@Observes @Priority(1) StartupEvent start) {
        MigrateResult result = Flyway.configure()
                .dataSource(config.jdbcUrl(), config.username().orElse(null), config.password().orElse(null))
                .locations("classpath:db/migration")
                .load()
                .migrate();
        Log.infof("PostgreSQL schema at version %s; %d migration(s) applied at this start",
                result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
                result.migrationsExecuted);
    }
}
