package dev.vigil.alert.schema;

import dev.vigil.devstack.testing.DevStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The schema as the service leaves it after start-up, checked in the real PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class SchemaMigrationTest {

    @Inject
    Pool database;

    @Test
    void appliesEveryMigrationAtStart() {
        List<String> applied = new ArrayList<>();
        for (Row row : database.query("SELECT version, description, success FROM flyway_schema_history "
                + "WHERE version IS NOT NULL ORDER BY installed_rank").executeAndAwait()) {
            assertThat(row.getBoolean("success")).as("migration %s succeeded", row.getString("version")).isTrue();
            applied.add(row.getString("version") + " " + row.getString("description"));
        }

        assertThat(applied).containsExactly("1 alert rules", "2 alerting", "3 nodata and delivery", "4 dashboards",
                "5 access", "6 audit log", "7 promql rules", "8 ingest tokens");
    }

    @Test
    void theRuleTableRefusesWhatTheApiWouldRefuse() {
        assertThat(sqlStateOf("INSERT INTO alert_rule (name, kind) VALUES ('schema check kind', 'threshold')"))
                .isEqualTo("23514");
        assertThat(sqlStateOf("INSERT INTO alert_rule (name, kind, interval_seconds) VALUES ('schema check interval', 'absence', 0)"))
                .isEqualTo("23514");
        assertThat(sqlStateOf("INSERT INTO alert_rule (name, kind) VALUES ('   ', 'absence')"))
                .isEqualTo("23514");
        assertThat(sqlStateOf("INSERT INTO alert_rule (name, kind, spec) VALUES ('schema check spec', 'absence', '[]')"))
                .isEqualTo("23514");
        assertThat(sqlStateOf("INSERT INTO alert_rule (name, kind) VALUES (NULL, 'absence')"))
                .isEqualTo("23502");
        assertThat(sqlStateOf("INSERT INTO alert_rule (name, kind, no_data) VALUES ('schema check no data', 'absence', 'alerting')"))
                .isEqualTo("23514");
    }

    @Test
    void theAlertingTablesRefuseWhatTheServiceNeverWrites() {
        assertThat(sqlStateOf("INSERT INTO channel (name, type, secret) VALUES ('schema check', 'email', 'x')"))
                .isEqualTo("23514");
        assertThat(sqlStateOf("INSERT INTO silence (matchers, starts_at, ends_at, created_by) "
                + "VALUES ('{}', now(), now() + interval '1 hour', 'me')")).isEqualTo("23514");
        assertThat(sqlStateOf("INSERT INTO silence (matchers, starts_at, ends_at, created_by) "
                + "VALUES ('{\"a=\\\"b\\\"\"}', now(), now() - interval '1 hour', 'me')")).isEqualTo("23514");
        assertThat(sqlStateOf("INSERT INTO route (name, channel_id) VALUES ('schema check route', -1)"))
                .isEqualTo("23503");
    }

    @Test
    void theIngestTokenTableRefusesWhatTheApiWouldRefuse() {
        String valid = "'abcdefghijkl', 'collector', ARRAY['traces'], NULL, '" + "a".repeat(64) + "', now(), 'me'";
        String insert = "INSERT INTO access_ingest_tokens (id, name, signals, pipelines, secret_sha256, created_at, created_by) VALUES (";
        assertThat(sqlStateOf(insert + valid.replace("'abcdefghijkl'", "'Not-An-Id'") + ")")).isEqualTo("23514");
        assertThat(sqlStateOf(insert + valid.replace("'collector'", "'  '") + ")")).isEqualTo("23514");
        assertThat(sqlStateOf(insert + valid.replace("ARRAY['traces']", "ARRAY[]::TEXT[]") + ")")).isEqualTo("23514");
        assertThat(sqlStateOf(insert + valid.replace("ARRAY['traces']", "ARRAY['traces', 'profiles']") + ")"))
                .isEqualTo("23514");
        assertThat(sqlStateOf(insert + valid.replace("NULL", "ARRAY[]::TEXT[]") + ")")).isEqualTo("23514");
        assertThat(sqlStateOf(insert + valid.replace("NULL", "ARRAY['default', '']") + ")")).isEqualTo("23514");
        assertThat(sqlStateOf(insert + valid.replace("'" + "a".repeat(64) + "'", "'secret'") + ")")).isEqualTo("23514");
    }

    @Test
    void readinessIncludesTheDatabase() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Reactive PostgreSQL connections health check"));
    }

    private String sqlStateOf(String statement) {
        Throwable failure = catchThrowable(() -> database.query(statement).executeAndAwait());
        assertThat(failure).as("PostgreSQL accepted: %s", statement).isInstanceOf(PgException.class);
        return ((PgException) failure).getSqlState();
    }
}
