package dev.vigil.http.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.clickhouse.client.api.Client;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The failures the real clients raise when their store is down (a local port nobody listens on) are read as
 * outages, whichever way they arrive: from the ClickHouse client, a PostgreSQL connection, or a pool.
 */
class StorageOutageTest {

    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void readsAnUnreachableClickHouseAsAnOutageOfTheTelemetryStore() {
        try (Client client = new Client.Builder()
                .addEndpoint("http://127.0.0.1:" + closedPort())
                .setUsername("default")
                .setPassword("")
                .setConnectTimeout(2_000)
                .setMaxRetries(0)
                .build()) {
            Throwable failure = catchThrowable(() -> client.queryAll("SELECT 1"));

            assertThat(failure).isNotNull();
            assertThat(StorageOutage.of(failure)).contains(new StorageOutage(StorageOutage.CLICKHOUSE));
            assertThat(FailureTable.answer(failure, new FailureTable.Request("GET", "/x", null)))
                    .hasValueSatisfying(answer -> assertThat(answer.status()).isEqualTo(503));
        }
    }

    @Test
    void readsARefusedPostgresqlConnectionAsAnOutage() {
        PgConnectOptions options = new PgConnectOptions().setHost("127.0.0.1").setPort(closedPort())
                .setDatabase("vigil").setUser("vigil").setPassword("vigil");

        Throwable failure = catchThrowable(() -> PgConnection.connect(vertx, options)
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));

        assertThat(failure).isNotNull();
        assertThat(StorageOutage.of(failure)).isPresent();
    }

    @Test
    void readsAPoolThatCannotConnectAsAnOutage() {
        PgConnectOptions options = new PgConnectOptions().setHost("127.0.0.1").setPort(closedPort())
                .setDatabase("vigil").setUser("vigil").setPassword("vigil");
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1).setConnectionTimeout(2)
                .setConnectionTimeoutUnit(TimeUnit.SECONDS)).connectingTo(options).using(vertx).build();
        try {
            Throwable failure = catchThrowable(() -> pool.query("SELECT 1").execute()
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));

            assertThat(failure).isNotNull();
            assertThat(StorageOutage.of(failure)).isPresent();
        } finally {
            pool.close();
        }
    }

    /** A local port that was free a moment ago: connecting to it is refused. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
