package dev.vigil.devstack.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Starting, restarting and stopping the server process. */
class ClickHouseServerLifecycleTest {

    @TempDir
    Path data;

    @Test
    void keepsDataAcrossRestarts() throws Exception {
        try (ClickHouseServerProcess first = ClickHouseServerProcess.start(data);
             Client client = client(first)) {
            client.execute("CREATE TABLE kept (id UInt32) ENGINE = MergeTree ORDER BY id").get().close();
            client.execute("INSERT INTO kept SELECT number FROM numbers(1000)").get().close();
            assertThat(first.stop()).isZero();
        }
        try (ClickHouseServerProcess second = ClickHouseServerProcess.start(data);
             Client client = client(second)) {
            GenericRecord kept = client.queryAll("SELECT toInt64(count()) AS c, toInt64(sum(id)) AS s FROM kept").getFirst();
            assertThat(kept.getLong("c")).isEqualTo(1000);
            assertThat(kept.getLong("s")).isEqualTo(499_500);
            assertThat(second.stop()).isZero();
        }
    }

    @Test
    void finishesARunningQueryBeforeExitingOnSigterm() throws Exception {
        try (ClickHouseServerProcess server = ClickHouseServerProcess.start(data);
             Client client = client(server)) {
            CompletableFuture<List<GenericRecord>> running = CompletableFuture.supplyAsync(
                    () -> client.queryAll("SELECT sleep(2) AS slept, 'done' AS state"));
            awaitRunning(client, "sleep(2)");

            assertThat(server.stop()).as("exit code").isZero();
            assertThat(running.get(10, TimeUnit.SECONDS).getFirst().getString("state")).isEqualTo("done");
            assertThat(server.log()).doesNotContain("SIGSEGV", "fatal error");
        }
    }

    @Test
    void cancelsQueriesThatOutlastTheDrainAndStillExitsCleanly() throws Exception {
        try (ClickHouseServerProcess server = ClickHouseServerProcess.start(data, "--drain-seconds", "1");
             Client client = client(server)) {
            CompletableFuture<List<GenericRecord>> endless = CompletableFuture.supplyAsync(
                    () -> client.queryAll("SELECT sum(number) AS s FROM numbers(100000000000)"));
            awaitRunning(client, "numbers(100000000000)");

            long stopping = System.nanoTime();
            assertThat(server.stop()).as("exit code").isZero();
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stopping)).isLessThan(15);
            assertThat(endless).failsWithin(10, TimeUnit.SECONDS);
            assertThat(server.log()).doesNotContain("SIGSEGV", "fatal error");
        }
    }

    private static Client client(ClickHouseServerProcess server) {
        return new Client.Builder().addEndpoint(server.url()).setUsername("default").setPassword("").build();
    }

    private static void awaitRunning(Client client, String fragment) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            List<GenericRecord> running = client.queryAll(
                    "SELECT query FROM system.processes WHERE query LIKE '%" + fragment + "%' AND query NOT LIKE '%system.processes%'");
            if (!running.isEmpty()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("The query with " + fragment + " never started");
    }
}
