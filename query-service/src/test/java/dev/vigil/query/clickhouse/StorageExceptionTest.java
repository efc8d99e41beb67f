package dev.vigil.query.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.ClientException;
import com.clickhouse.client.api.ConnectionInitiationException;
import com.clickhouse.client.api.ServerException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StorageExceptionTest {

    private static ServerException server(int code) {
        return new ServerException(code, "Code: " + code + ". DB::Exception: test", 500, "query-1");
    }

    @ParameterizedTest
    @CsvSource({
        "159, vigil.clickhouse.query.max-execution-time",
        "158, vigil.clickhouse.query.max-rows-to-read",
        "396, vigil.clickhouse.query.max-rows-to-read",
        "241, vigil.clickhouse.query.max-memory-usage",
    })
    void namesTheCostGuardThatStoppedTheQuery(int code, String guard) {
        StorageException failure = StorageException.of(server(code));
        assertThat(failure.kind()).isEqualTo(StorageException.Kind.LIMIT_EXCEEDED);
        assertThat(failure.guard()).isEqualTo(guard);
    }

    @ParameterizedTest
    @CsvSource({"60", "81", "202", "516"})
    void treatsMissingSchemaOverloadAndRefusalAsUnavailable(int code) {
        assertThat(StorageException.of(server(code)).kind()).isEqualTo(StorageException.Kind.UNAVAILABLE);
    }

    @Test
    void treatsRefusedConnectionAsUnavailableEvenWhenWrappedByAFuture() {
        var refused = new ConnectionInitiationException("Failed to connect", new ConnectException("refused"));
        assertThat(StorageException.of(new CompletionException(refused)).kind())
                .isEqualTo(StorageException.Kind.UNAVAILABLE);
    }

    @Test
    void treatsAConnectionDroppedMidResultAsUnavailable() {
        var dropped = new ClientException("Failed to read value for column SpanId", new SocketException("reset"));
        assertThat(StorageException.of(dropped).kind()).isEqualTo(StorageException.Kind.UNAVAILABLE);
    }

    @Test
    void treatsSyntaxErrorsAndDecodingFaultsAsFailures() {
        assertThat(StorageException.of(server(62)).kind()).isEqualTo(StorageException.Kind.FAILED);
        var decoding = new ClientException("Failed to read value", new IOException("unexpected type"));
        assertThat(StorageException.of(decoding).kind()).isEqualTo(StorageException.Kind.FAILED);
    }

    @Test
    void passesAnAlreadyClassifiedFailureThrough() {
        StorageException original = StorageException.of(server(60));
        assertThat(StorageException.of(new CompletionException(original))).isSameAs(original);
    }
}
