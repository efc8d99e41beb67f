package dev.vigil.store.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClickHouseConfigCheckTest {

    private static List<String> problems(ClickHouseConfig config) {
        return ClickHouseConfigCheck.problems(config, Instant.now());
    }

    @Test
    void acceptsTheDefaults() {
        assertThat(problems(TestConfig.defaults().withUrl("http://127.0.0.1:8123"))).isEmpty();
        assertThat(problems(TestConfig.defaults().withUrl("https://clickhouse.example:8443/"))).isEmpty();
    }

    @Test
    void rejectsUrlsTheClientCannotUseNamingTheSetting() {
        for (String url : new String[] {"127.0.0.1:8123", "tcp://127.0.0.1:9000", "http://127.0.0.1",
                "http://127.0.0.1:8123/vigil", "http://127.0.0.1:8123?database=vigil", "http:// bad"}) {
            assertThat(problems(TestConfig.defaults().withUrl(url)))
                    .as(url)
                    .singleElement()
                    .asString()
                    .startsWith("vigil.clickhouse.url must be an http(s) URL with host and port");
        }
    }

    @Test
    void rejectsDatabaseNamesThatAreNotPlainIdentifiers() {
        assertThat(problems(TestConfig.defaults().withDatabase("vigil; DROP")))
                .containsExactly("vigil.clickhouse.database must be a plain identifier (letters, digits, '_'), "
                        + "got 'vigil; DROP'");
    }

    @Test
    void acceptsAClusterNameAndRejectsOneThatIsNotAPlainIdentifier() {
        assertThat(problems(TestConfig.defaults().withCluster("vigil_cluster"))).isEmpty();
        assertThat(problems(TestConfig.defaults().withCluster("vigil cluster")))
                .containsExactly("vigil.clickhouse.cluster.name must be a plain identifier (letters, digits, '_'), "
                        + "got 'vigil cluster'");
    }

    @Test
    void rejectsGuardsThatWouldNotGuard() {
        TestConfig config = TestConfig.defaults().withUsername(" ")
                .withQuery(new TestConfig.Query(Duration.ofMillis(1500), 0, -1));
        assertThat(problems(config)).containsExactly(
                "vigil.clickhouse.username must not be blank",
                "vigil.clickhouse.query.max-execution-time must be whole seconds, got PT1.5S",
                "vigil.clickhouse.query.max-rows-to-read must be positive, got 0",
                "vigil.clickhouse.query.max-memory-usage must be positive, got -1");
    }

    @Test
    void rejectsExecutionTimeUnderOneSecond() {
        TestConfig config = TestConfig.defaults().withQuery(new TestConfig.Query(Duration.ZERO, 1, 1));
        assertThat(problems(config))
                .containsExactly("vigil.clickhouse.query.max-execution-time must be at least 1s, got PT0S");
    }

    @Test
    void stopsTheServiceNamingEverySettingThatCannotWork() {
        assertThatThrownBy(() -> ClickHouseConfigCheck.validate(TestConfig.defaults().withUrl("tcp://x:1")
                .withDatabase("1x")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Invalid ClickHouse configuration: vigil.clickhouse.url must be")
                .hasMessageContaining("vigil.clickhouse.database must be a plain identifier");
    }

    @Test
    void knowsAPlainIdentifier() {
        assertThat(ClickHouseConfigCheck.isPlainIdentifier("vigil_prod")).isTrue();
        assertThat(ClickHouseConfigCheck.isPlainIdentifier("a`; DROP DATABASE b")).isFalse();
    }
}
