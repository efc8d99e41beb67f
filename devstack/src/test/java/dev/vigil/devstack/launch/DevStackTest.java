package dev.vigil.devstack.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three servers as their users see them: Kafka, PostgreSQL and ClickHouse, each over its own protocol. */
class DevStackTest {
    @TempDir
    static Path state;
    static DevStack stack;

    @BeforeAll
    static void start() {
        long t0 = System.nanoTime();
        stack = DevStack.start(state, Optional.empty());
        System.out.printf("devstack started in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void kafkaBrokerCreatesTopicsAndKeepsThemAcrossARestart() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("devstack.restart", 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        stack.stopKafka();
        stack.startKafka();
        try (Admin admin = admin()) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("devstack.restart");
        }
    }

    @Test
    void postgresAcceptsTheVigilUser() throws Exception {
        DevStack.PostgresConnection pg = stack.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
                ResultSet rs = c.createStatement().executeQuery("SELECT current_user, current_database()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("vigil");
            assertThat(rs.getString(2)).isEqualTo("vigil");
        }
    }

    @Test
    void clickHouseAnswersPing() throws Exception {
        HttpResponse<String> ping = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(stack.clickHouseUrl() + "/ping")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ping.statusCode()).isEqualTo(200);
        assertThat(ping.body()).isEqualTo("Ok.\n");
    }

    @Test
    void aServerThatCannotStartFailsWithItsLog() {
        assertThatThrownBy(() -> ServerProcess.start("kafka", "dev.vigil.devstack.kafka.KafkaBrokerMain", List.of(),
                List.of("--port", "not-a-port"), state.resolve("logs/broken.log"), Duration.ofSeconds(30)))
                .hasMessageContaining("kafka")
                .hasMessageContaining("not-a-port");
    }

    @Test
    void aStackThatCannotStartNamesEachServersError() throws Exception {
        // A state "directory" that is a file: no server can create its log, each fails on its own.
        Path notADirectory = Files.createFile(state.resolve("not-a-directory"));
        assertThatThrownBy(() -> DevStack.start(notADirectory, Optional.empty()))
                .hasMessageContaining("devstack did not start")
                .hasMessageContaining("cannot start kafka")
                .hasMessageContaining("cannot start postgres")
                .hasMessageContaining("cannot start clickhouse");
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()));
    }
}
