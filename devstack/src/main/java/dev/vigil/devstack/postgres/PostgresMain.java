package dev.vigil.devstack.postgres;

import dev.vigil.devstack.launch.ParentWatch;
import dev.vigil.devstack.launch.ReadyLine;
import dev.vigil.devstack.launch.ServerArgs;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/**
 * Runs PostgreSQL with its data in {@code --data}, kept across restarts, and makes sure the
 * {@code vigil} role and database exist. The ready line's endpoint is the JDBC URL of that database.
 *
 * <pre>PostgresMain --port 5432 --data DIR [--parent-pid PID]</pre>
 */
public final class PostgresMain {
    public static final String DATABASE = "vigil";
    public static final String USER = "vigil";
    public static final String PASSWORD = "vigil";

    private PostgresMain() {
    }

    public static void main(String[] argv) throws Exception {
        ServerArgs args = ServerArgs.parse(argv);
        int port = args.port("port");
        Path data = args.path("data");
        Files.createDirectories(data);

        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception e) {
                System.err.println("stopping PostgreSQL failed: " + e);
            }
            stopped.countDown();
        }, "postgres-shutdown"));
        ParentWatch.startFrom(args);
        ensureVigilDatabase(postgres);
        ReadyLine.announce("postgres", "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE);
        stopped.await();
    }

    private static void ensureVigilDatabase(EmbeddedPostgres postgres) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            if (!exists(s, "SELECT 1 FROM pg_roles WHERE rolname = '" + USER + "'")) {
                s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            }
            if (!exists(s, "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
            }
        }
    }

    private static boolean exists(Statement s, String query) throws SQLException {
        try (ResultSet rs = s.executeQuery(query)) {
            return rs.next();
        }
    }
}
