package dev.vigil.query.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClickHouseConfigCheckTest {

    private record Query(Duration maxExecutionTime, long maxRowsToRead, long maxMemoryUsage)
            implements ClickHouseConfig.Query {
    }

    private record Config(String url, String username, Optional<String> password, String database, Query query)
            implements ClickHouseConfig {
    }

    private static final Query GUARDS = new Query(Duration.ofSeconds(30), 100_000_000, 1L << 30);

    private static Config withUrl(String url) {
        return new Config(url, "default", Optional.empty(), "vigil", GUARDS);
    }

    @Test
    void acceptsTheDefaults() {
        assertThat(ClickHouseConfigCheck.problems(withUrl("http://127.0.0.1:8123"))).isEmpty();
        assertThat(ClickHouseConfigCheck.problems(withUrl("https://clickhouse.example:8443/"))).isEmpty();
    }

    @Test
    void rejectsUrlsTheClientCannotUseNamingTheSetting() {
        for (String url : new String[] {"127.0.0.1:8123", "tcp://127.0.0.1:9000", "http://127.0.0.1",
                "http://127.0.0.1:8123/vigil", "http://127.0.0.1:8123?database=vigil", "http:// bad"}) {
            assertThat(ClickHouseConfigCheck.problems(withUrl(url)))
                    .as(url)
                    .singleElement()
                    .asString()
                    .startsWith("vigil.clickhouse.url must be an http(s) URL with host and port");
        }
    }

    @Test
    void rejectsDatabaseNamesThatAreNotPlainIdentifiers() {
        Config config = new Config("http://127.0.0.1:8123", "default", Optional.empty(), "vigil; DROP", GUARDS);
        assertThat(ClickHouseConfigCheck.problems(config))
                .containsExactly("vigil.clickhouse.database must be a plain identifier (letters, digits, '_'), "
                        + "got 'vigil; DROP'");
    }

    @Test
    void rejectsGuardsThatWouldNotGuard() {
        Config config = new Config("http://127.0.0.1:8123", " ", Optional.empty(), "vigil",
                new Query(Duration.ofMillis(1500), 0, -1));
        assertThat(ClickHouseConfigCheck.problems(config)).containsExactly(
                "vigil.clickhouse.username must not be blank",
                "vigil.clickhouse.query.max-execution-time must be whole seconds, got PT1.5S",
                "vigil.clickhouse.query.max-rows-to-read must be positive, got 0",
                "vigil.clickhouse.query.max-memory-usage must be positive, got -1");
    }

    @Test
    void rejectsExecutionTimeUnderOneSecond() {
        Config config = new Config("http://127.0.0.1:8123", "default", Optional.empty(), "vigil",
                new Query(Duration.ZERO, 1, 1));
        assertThat(ClickHouseConfigCheck.problems(config))
                .containsExactly("vigil.clickhouse.query.max-execution-time must be at least 1s, got PT0S");
    }
}
