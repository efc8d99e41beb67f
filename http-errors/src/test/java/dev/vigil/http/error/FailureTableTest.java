package dev.vigil.http.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.ServerException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.core.impl.NoStackTraceTimeoutException;
import io.vertx.pgclient.PgException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.InternalServerErrorException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ServiceUnavailableException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The mapping table: which failure answers which status, code, message and fields. */
class FailureTableTest {

    private static final FailureTable.Request GET = new FailureTable.Request("GET", "/api/v1/things", null);
    private static final FailureTable.Request POST_TEXT =
            new FailureTable.Request("POST", "/api/v1/things", "text/plain");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    record Rule(String name, int intervalSeconds, Map<String, String> labels) {
    }

    record Query(@NotBlank String service, @Max(1000) int limit) {
    }

    private static ApiException answer(Throwable failure, FailureTable.Request request) {
        Optional<ApiException> answer = FailureTable.answer(failure, request);
        assertThat(answer).as("an answer for %s", failure).isPresent();
        return answer.orElseThrow();
    }

    @Test
    void answersAChosenAnswerAsChosen() {
        ApiException chosen = ApiException.invalidParameter("query", "limit", "must be between 1 and 1000");

        ApiException answer = answer(new CompletionException(chosen), GET);

        assertThat(answer).isSameAs(chosen);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("invalid_argument");
        assertThat(answer.getMessage()).isEqualTo("query parameter 'limit' must be between 1 and 1000");
        assertThat(answer.fields()).containsExactly(Map.entry("limit", "must be between 1 and 1000"));
    }

    @Test
    void answersBeanValidationWith400NamingEachField() {
        Validator validator = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();
        var violations = validator.validate(new Query(" ", 5000));

        ApiException answer = answer(new ConstraintViolationException(violations), GET);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("invalid_argument");
        assertThat(answer.fields()).containsOnlyKeys("limit", "service");
        assertThat(answer.fields().get("limit")).contains("1000");
        assertThat(answer.getMessage()).contains("limit ").contains("service ");
    }

    @Test
    void answersAnUnknownJsonFieldNamingItNotJacksonsText() {
        MismatchedInputException unknown = readFailure("{\"name\":\"r\",\"intervalSecond\":5}");

        ApiException answer = answer(unknown, POST_TEXT);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.fields()).containsExactly(Map.entry("intervalSecond", "is not a known field"));
        assertThat(answer.getMessage()).isEqualTo("intervalSecond is not a known field")
                .doesNotContain("Unrecognized").doesNotContain("FailureTableTest");
    }

    @Test
    void answersAJsonFieldOfTheWrongTypeNamingItsPath() {
        assertThat(answer(readFailure("{\"intervalSeconds\":\"often\"}"), GET).fields())
                .containsExactly(Map.entry("intervalSeconds", "must be a whole number"));
        assertThat(answer(readFailure("{\"labels\":{\"team\":{\"a\":1}}}"), GET).fields())
                .containsOnlyKeys("labels.team");
    }

    @Test
    void answersMalformedJsonWithWhereItStopsButNotTheParsersWords() {
        JsonParseException malformed = parseFailure("{\"name\": ]");

        ApiException answer = answer(new BadRequestException(malformed), POST_TEXT);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.getMessage()).startsWith("the body is not valid JSON (line 1, column ")
                .doesNotContain("Unexpected").doesNotContain("Source");
    }

    @Test
    void answersTheFrameworksOwnFailuresNamingTheRequestNotTheirText() {
        ApiException notFound = answer(new NotFoundException("RESTEASY003210: internal words"), GET);
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.code()).isEqualTo("not_found");
        assertThat(notFound.getMessage()).isEqualTo("no endpoint GET /api/v1/things");

        ApiException notAllowed = answer(new NotAllowedException("GET"), POST_TEXT);
        assertThat(notAllowed.status()).isEqualTo(405);
        assertThat(notAllowed.code()).isEqualTo("method_not_allowed");
        assertThat(notAllowed.getMessage()).isEqualTo("POST is not allowed on /api/v1/things");

        ApiException unsupported = answer(new NotSupportedException(), POST_TEXT);
        assertThat(unsupported.status()).isEqualTo(415);
        assertThat(unsupported.code()).isEqualTo("unsupported_media_type");
        assertThat(unsupported.getMessage()).isEqualTo("content type text/plain is not accepted by POST /api/v1/things");

        ApiException unavailable = answer(new ServiceUnavailableException(), GET);
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.code()).isEqualTo("unavailable");
    }

    @Test
    void leavesAFrameworkFaultToTheInternalAnswer() {
        assertThat(FailureTable.answer(new InternalServerErrorException("boom"), GET)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"08000", "08001", "08003", "08006", "08P01", "57P01", "57P03", "53300"})
    void answersPostgresqlConnectionTroubleWith503(String sqlState) {
        PgException pg = new PgException("connection lost", "FATAL", sqlState, null);

        ApiException answer = answer(new RuntimeException("HR000: wrapped", pg), GET);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.code()).isEqualTo("unavailable");
        assertThat(answer.getMessage()).isEqualTo("the database (PostgreSQL) is unavailable; retry later");
    }

    @ParameterizedTest
    @ValueSource(strings = {"23505", "42P01", "22P02"})
    void leavesOtherPostgresqlErrorsToTheInternalAnswer(String sqlState) {
        assertThat(FailureTable.answer(new PgException("no", "ERROR", sqlState, null), GET)).isEmpty();
    }

    @Test
    void answersARefusedConnectionOrAnExhaustedPoolWith503() {
        List<Throwable> outages = List.of(
                new ConnectException("Connection refused: /127.0.0.1:5432"),
                new RuntimeException("pool", new NoStackTraceThrowable("Connection refused")),
                new NoStackTraceTimeoutException("Timeout waiting for a connection from the pool"),
                new CompletionException(new ConnectException("refused")));
        for (Throwable outage : outages) {
            ApiException answer = answer(outage, GET);
            assertThat(answer.status()).as(outage.toString()).isEqualTo(503);
            assertThat(answer.getMessage()).as(outage.toString()).endsWith("is unavailable; retry later")
                    .doesNotContain("127.0.0.1");
        }
    }

    @Test
    void answersAClickHouseThatCannotServeNowWith503AndOtherClickHouseErrorsNot() {
        ServerException networkError = new ServerException(210, "Code: 210. DB::Exception: net", 500, "q");
        ServerException syntaxError = new ServerException(62, "Code: 62. DB::Exception: syntax", 400, "q");

        ApiException answer = answer(new IllegalStateException("read failed", networkError), GET);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.getMessage()).isEqualTo("the telemetry store (ClickHouse) is unavailable; retry later");
        assertThat(FailureTable.answer(new IllegalStateException("read failed", syntaxError), GET)).isEmpty();
    }

    @Test
    void leavesAnyOtherFailureToTheInternalAnswer() {
        assertThat(FailureTable.answer(new IllegalStateException("secret"), GET)).isEmpty();
        assertThat(FailureTable.answer(new NullPointerException(), GET)).isEmpty();
        assertThat(FailureTable.answer(new NoStackTraceThrowable("something else"), GET)).isEmpty();
    }

    @Test
    void givesEveryStatusWithoutACodeOfItsOwnAStableOne() {
        assertThat(ErrorCode.forStatus(400)).isEqualTo("invalid_argument");
        assertThat(ErrorCode.forStatus(401)).isEqualTo("unauthenticated");
        assertThat(ErrorCode.forStatus(403)).isEqualTo("permission_denied");
        assertThat(ErrorCode.forStatus(409)).isEqualTo("conflict");
        assertThat(ErrorCode.forStatus(422)).isEqualTo("invalid_argument");
        assertThat(ErrorCode.forStatus(429)).isEqualTo("resource_exhausted");
        assertThat(ErrorCode.forStatus(502)).isEqualTo("internal");
    }

    private static JsonParseException parseFailure(String json) {
        try {
            JSON.readTree(json);
        } catch (JsonParseException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError("expected a parse error, got " + e, e);
        }
        throw new AssertionError("parsed " + json + " without failing");
    }

    private static MismatchedInputException readFailure(String json) {
        try {
            JSON.readValue(json, Rule.class);
        } catch (MismatchedInputException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError("expected a mismatched input, got " + e, e);
        }
        throw new AssertionError("read " + json + " without failing");
    }
}
