package dev.vigil.store.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.ClientException;
import com.clickhouse.client.api.ConnectionInitiationException;
import com.clickhouse.client.api.ServerException;
import dev.vigil.store.error.ClickHouseFailure.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClickHouseFailureTest {

    private static ServerException server(int code) {
        return new ServerException(code, "Code: " + code + ". DB::Exception: test", 500, "query-1");
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 27, 38, 41, 53, 70, 72, 117, 128, 131, 469})
    void treatsDataTheServerCannotReadAsARowProblem(int code) {
        ClickHouseFailure failure = ClickHouseFailure.of(new IllegalStateException("insert failed", server(code)));
        assertThat(failure.kind()).isEqualTo(Kind.PER_ROW);
        assertThat(failure.code()).isEqualTo(code);
        assertThat(failure.retryable()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {60, 81, 159, 160, 192, 194, 202, 209, 210, 241, 242, 252, 279, 319, 425, 516, 999})
    void retriesWhatPassesOnceTheServerOrItsOperatorRecovers(int code) {
        assertThat(ClickHouseFailure.of(server(code)).kind()).isEqualTo(Kind.RETRYABLE);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 16, 36, 43, 46, 47, 62, 158, 307, 396})
    void givesUpOnARequestThatCannotSucceedAsSent(int code) {
        assertThat(ClickHouseFailure.of(server(code)).kind()).isEqualTo(Kind.PERMANENT);
    }

    @ParameterizedTest
    @CsvSource({
        "159, vigil.clickhouse.query.max-execution-time",
        "160, vigil.clickhouse.query.max-execution-time",
        "158, vigil.clickhouse.query.max-rows-to-read",
        "307, vigil.clickhouse.query.max-rows-to-read",
        "396, vigil.clickhouse.query.max-rows-to-read",
        "241, vigil.clickhouse.query.max-memory-usage",
    })
    void namesTheCostGuardThatStoppedARead(int code, String guard) {
        assertThat(ClickHouseFailure.of(server(code)).guard()).isEqualTo(guard);
    }

    @Test
    void namesNoGuardForOtherFailures() {
        assertThat(ClickHouseFailure.of(server(60)).guard()).isNull();
        assertThat(ClickHouseFailure.of(new ConnectException("refused")).guard()).isNull();
    }

    @Test
    void retriesARefusedConnectionEvenWhenWrappedByFutures() {
        var refused = new ConnectionInitiationException("Failed to connect", new ConnectException("refused"));
        ClickHouseFailure failure = ClickHouseFailure.of(new ExecutionException(new CompletionException(refused)));
        assertThat(failure.kind()).isEqualTo(Kind.RETRYABLE);
        assertThat(failure.code()).isEqualTo(ClickHouseFailure.NO_CODE);
        assertThat(failure.cause()).isSameAs(refused);
        assertThat(ClickHouseFailure.of(new ClientException("connect", new ConnectException("refused"))).kind())
                .isEqualTo(Kind.RETRYABLE);
    }

    @Test
    void retriesAConnectionDroppedMidResultAndAnAnswerThatNeverCame() {
        var dropped = new ClientException("Failed to read value for column SpanId", new SocketException("reset"));
        assertThat(ClickHouseFailure.of(dropped).kind()).isEqualTo(Kind.RETRYABLE);
        var late = new IllegalStateException("no answer within 120 s", new TimeoutException());
        assertThat(ClickHouseFailure.of(late).kind()).isEqualTo(Kind.RETRYABLE);
    }

    @Test
    void retriesAProxyThatAnswers5xxWithoutAClickHouseCode() {
        var badGateway = new ServerException(ServerException.CODE_UNKNOWN, "502 Bad Gateway", 502, "q");
        assertThat(ClickHouseFailure.of(badGateway).kind()).isEqualTo(Kind.RETRYABLE);
    }

    @Test
    void givesUpOnADecodingFaultOnOurSide() {
        var decoding = new ClientException("Failed to read value", new IOException("unexpected type"));
        assertThat(ClickHouseFailure.of(decoding).kind()).isEqualTo(Kind.PERMANENT);
    }
}
