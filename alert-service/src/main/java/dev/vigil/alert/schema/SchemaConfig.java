package dev.vigil.alert.schema;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.util.Optional;

/**
 * How alert-service reaches PostgreSQL over JDBC to migrate its schema. Flyway runs as a plain
 * library here rather than as a Quarkus extension, so this mapping is what reads the JDBC URL;
 * user name and password are the datasource's own ({@code quarkus.datasource.username|password}).
 */
@ConfigMapping(prefix = "quarkus.datasource")
interface SchemaConfig {

    /** {@code quarkus.datasource.jdbc.url}, e.g. {@code jdbc:postgresql://127.0.0.1:5432/vigil}. */
    @WithName("jdbc.url")
    String jdbcUrl();

    @WithName("username")
    Optional<String> username();

    @WithName("password")
    Optional<String> password();
}
