package dev.vigil.query.trace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.devstack.testing.DevStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cost guards reach ClickHouse with every query and stop it there. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
@TestProfile(TraceResourceCostGuardTest.OneRowBudget.class)
class TraceResourceCostGuardTest {

    public static final class OneRowBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.clickhouse.query.max-rows-to-read", "1");
        }
    }

    @BeforeAll
    static void storeTraces() throws Exception {
        StoredTraces.store();
    }

    @Test
    void answers503NamingTheGuardWhenAQueryReadsTooManyRows() {
        Response response = given().get("/api/v1/traces/" + StoredTraces.CHECKOUT_TRACE);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.jsonPath().getString("error")).isEqualTo("query_limit_exceeded");
        assertThat(response.jsonPath().getString("message"))
                .isEqualTo("the query was stopped by the cost guard vigil.clickhouse.query.max-rows-to-read");
    }
}
