package dev.vigil.health.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ReadinessResponseTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LATENCY = Duration.ofMillis(12);
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void isUpWith200AndUpAndKeepsTheReportedChecks() {
        ProbeResult result = ReadinessResponse.read(200, """
                {"status":"UP","checks":[
                  {"name":"Database connections health check","status":"UP","data":{"<default>":"UP","pool":null}},
                  {"name":"Kafka connection health check","status":"UP"}]}""", LATENCY, AT, JSON);

        assertThat(result.status()).isEqualTo(ServiceStatus.UP);
        assertThat(result.error()).isNull();
        assertThat(result.latency()).isEqualTo(LATENCY);
        assertThat(result.checkedAt()).isEqualTo(AT);
        assertThat(result.checks()).extracting(ReportedCheck::name)
                .containsExactly("Database connections health check", "Kafka connection health check");
        assertThat(result.checks().getFirst().data()).containsEntry("<default>", "UP").containsEntry("pool", null);
        assertThat(result.checks().get(1).data()).isEmpty();
    }

    @Test
    void isDownWith503AndNamesTheFailingChecks() {
        ProbeResult result = ReadinessResponse.read(503, """
                {"status":"DOWN","checks":[
                  {"name":"Database connections health check","status":"DOWN"},
                  {"name":"Kafka connection health check","status":"UP"}]}""", LATENCY, AT, JSON);

        assertThat(result.status()).isEqualTo(ServiceStatus.DOWN);
        assertThat(result.error()).isEqualTo("HTTP 503, reported DOWN (Database connections health check)");
        assertThat(result.checks()).hasSize(2);
    }

    @Test
    void isDownWhen200CarriesNoUpStatus() {
        ProbeResult result = ReadinessResponse.read(200, "{\"checks\":[]}", LATENCY, AT, JSON);

        assertThat(result.status()).isEqualTo(ServiceStatus.DOWN);
        assertThat(result.error()).isEqualTo("HTTP 200 without a status");
    }

    @Test
    void isDownWhenTheBodyIsNotAHealthResponse() {
        ProbeResult html = ReadinessResponse.read(404, "<html>Not Found</html>", LATENCY, AT, JSON);
        ProbeResult empty = ReadinessResponse.read(200, "", LATENCY, AT, JSON);

        assertThat(html.status()).isEqualTo(ServiceStatus.DOWN);
        assertThat(html.error()).startsWith("HTTP 404 with an unreadable health response");
        assertThat(html.latency()).isEqualTo(LATENCY);
        assertThat(empty.status()).isEqualTo(ServiceStatus.DOWN);
        assertThat(empty.error()).isEqualTo("HTTP 200 without a health response");
    }
}
