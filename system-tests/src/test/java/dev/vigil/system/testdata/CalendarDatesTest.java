package dev.vigil.system.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CalendarDatesTest {

    private static final Path ROOT = Path.of(System.getProperty("vigil.root", ".."));
    private static final Path FILE = Path.of("StoredSpans.java");

    @Test
    void noTestThatReachesARealServerHoldsACalendarDate() {
        assertThat(Files.isDirectory(ROOT.resolve("query-service/src/test/java")))
                .as("the repository root %s holds the modules' tests", ROOT.toAbsolutePath()).isTrue();

        assertThat(CalendarDates.in(ROOT))
                .as("make these relative to the run's clock, or mark a date that is never stored with '%s <why>'",
                        CalendarDates.DECIDED)
                .isEmpty();
    }

    @Test
    void findsAFixedSpanTimeInATestThatWritesToClickHouse() {
        String source = """
                import com.clickhouse.client.api.Client;
                class StoredSpans {
                    Object root = span("a1", "GET /checkout", "2026-11-22T10:15:30.123456789Z", 1_900_000_000L);
                    long start = 1_795_342_530_123_456_789L;
                }
                """;

        assertThat(CalendarDates.inSource(FILE, source)).extracting(CalendarDates.Finding::line).containsExactly(3, 4);
    }

    @Test
    void findsEpochMillisecondsInAQuarkusTest() {
        String source = """
                import io.quarkus.test.junit.QuarkusTest;
                class T { String from = "1795342590000"; }
                """;

        assertThat(CalendarDates.inSource(FILE, source)).hasSize(1);
    }

    @Test
    void leavesPlainUnitTestsAndDecidedLinesAlone() {
        String unit = """
                import java.time.Instant;
                class T { Instant t0 = Instant.parse("2026-03-01T10:00:00Z"); }
                """;
        String decided = """
                import io.restassured.RestAssured;
                class T { String bad = "from=2026-13-01T00:00:00Z"; // fixed date: refused as invalid, never stored
                }
                """;

        assertThat(CalendarDates.inSource(FILE, unit)).isEmpty();
        assertThat(CalendarDates.inSource(FILE, decided)).isEmpty();
    }
}
