package dev.vigil.http.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ConnectException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.RestResponse;
import org.junit.jupiter.api.Test;

/** The answers themselves: status, headers, the body as JSON, and what a fault's answer leaves out. */
class ErrorAnswersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FailureTable.Request GET = new FailureTable.Request("GET", "/api/v1/things", null);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ErrorAnswers answers = new ErrorAnswers(meters);

    @Test
    void answersAFaultWith500ThatCarriesACorrelationIdAndNoExceptionText() throws Exception {
        RestResponse<ErrorBody> response = answers.failure(
                new IllegalStateException("password=hunter2 in SELECT * FROM secrets"), GET);

        assertThat(response.getStatus()).isEqualTo(500);
        ErrorBody body = response.getEntity();
        assertThat(body.error()).isEqualTo("internal");
        assertThat(body.message()).isEqualTo("internal error");
        assertThat(body.correlationId()).matches("[0-9a-f]{16}");
        String json = JSON.writeValueAsString(body);
        assertThat(json).doesNotContain("hunter2").doesNotContain("IllegalStateException").doesNotContain("fields");
    }

    @Test
    void givesEveryFaultItsOwnCorrelationId() {
        String first = answers.internal(new IllegalStateException()).getEntity().correlationId();
        String second = answers.internal(new IllegalStateException()).getEntity().correlationId();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void answersAnOutageWith503AndRetryAfter() {
        RestResponse<ErrorBody> response = answers.failure(new ConnectException("Connection refused: /10.0.0.7:5432"), GET);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(response.getEntity().error()).isEqualTo("unavailable");
        assertThat(response.getEntity().message()).doesNotContain("10.0.0.7");
        assertThat(response.getEntity().correlationId()).isNotNull();
    }

    @Test
    void answersAChosenAnswerWithItsFieldsInOrderAndNoNulls() throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("b", "is required");
        fields.put("a", "must be a string");

        RestResponse<ErrorBody> response = answers.answer(ApiException.invalidFields(fields));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getHeaderString("Retry-After")).isNull();
        assertThat(JSON.writeValueAsString(response.getEntity())).isEqualTo(
                "{\"error\":\"invalid_argument\",\"message\":\"b is required; a must be a string\","
                        + "\"fields\":{\"b\":\"is required\",\"a\":\"must be a string\"}}");
    }

    @Test
    void countsEveryAnswerByCode() {
        answers.answer(ApiException.notFound("no rule with id 7"));
        answers.answer(ApiException.notFound("no rule with id 8"));
        answers.internal(new IllegalStateException());

        assertThat(meters.counter("vigil.http.errors", "error", "not_found").count()).isEqualTo(2.0);
        assertThat(meters.counter("vigil.http.errors", "error", "internal").count()).isEqualTo(1.0);
    }
}
