package dev.vigil.devstack.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Kafka, PostgreSQL and the embedded ClickHouse server, each in its own process, with their data
 * under one state directory. Servers can be stopped and started again on the same port and data,
 * which is how fault tests take a dependency away and give it back.
 */
public final class DevStack implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final int PORT_ATTEMPTS = 3;
    /** How Kafka, PostgreSQL and the JDK all word a failed bind. */
    private static final String PORT_TAKEN = "Address already in use";

    private final Path stateDir;
    private final int kafkaPort;
    private final int kafkaControllerPort;
    private final int clickHousePort;
    private final int postgresPort;
    private final Optional<PostgresConnection> externalPostgres;
    private ServerProcess kafka;
    private ServerProcess clickHouse;
    private ServerProcess postgres;

    private DevStack(Path stateDir, int kafkaPort, int kafkaControllerPort, int clickHousePort, int postgresPort,
            Optional<PostgresConnection> externalPostgres) {
        this.stateDir = stateDir;
        this.kafkaPort = kafkaPort;
        this.kafkaControllerPort = kafkaControllerPort;
        this.clickHousePort = clickHousePort;
        this.postgresPort = postgresPort;
        this.externalPostgres = externalPostgres;
    }

    /**
     * A stack whose servers another owner started: it knows their endpoints and restarts them on
     * the same ports, but {@link #close()} leaves the ones it did not start itself alone.
     */
    public static DevStack attach(Description running) {
        return new DevStack(running.stateDir(), running.kafkaPort(), running.kafkaControllerPort(),
                running.clickHousePort(), running.postgresPort(), running.externalPostgres());
    }

    /** Where this stack's servers listen and keep their data. */
    public Description describe() {
        return new Description(stateDir, kafkaPort, kafkaControllerPort, clickHousePort, postgresPort, externalPostgres);
    }

    /** Enough to find a running stack again. */
    public record Description(Path stateDir, int kafkaPort, int kafkaControllerPort, int clickHousePort,
            int postgresPort, Optional<PostgresConnection> externalPostgres) {
    }

    /**
     * Starts all three servers on free ports, in parallel. With {@code externalPostgres} present,
     * uses that PostgreSQL instead of starting one.
     *
     * <p>A free port is only free when it is picked: another process may bind it before the
     * server does. A start that failed for that reason alone is tried again on other ports; any
     * other failure is thrown with each server's own error and the tail of its log, since the
     * state directory (and its logs) is often gone by the time someone reads the message.
     */
    public static DevStack start(Path stateDir, Optional<PostgresConnection> externalPostgres) {
        for (int attempt = 1;; attempt++) {
            try {
                return startOnFreePorts(stateDir, externalPostgres);
            } catch (IllegalStateException e) {
                if (attempt == PORT_ATTEMPTS || !String.valueOf(e.getMessage()).contains(PORT_TAKEN)) {
                    throw e;
                }
                System.err.println("devstack: a port was taken before its server bound it; starting again on other ports");
            }
        }
    }

    private static DevStack startOnFreePorts(Path stateDir, Optional<PostgresConnection> externalPostgres) {
        DevStack stack = new DevStack(stateDir, freePort(), freePort(), freePort(), freePort(), externalPostgres);
        try (var starts = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> started = new ArrayList<>();
            started.add(starts.submit(stack::startKafka));
            if (externalPostgres.isEmpty()) {
                started.add(starts.submit(stack::startPostgres));
            }
            started.add(starts.submit(stack::startClickHouse));
            List<String> failures = new ArrayList<>();
            for (Future<?> start : started) {
                try {
                    start.get();
                } catch (ExecutionException e) {
                    failures.add(String.valueOf(e.getCause().getMessage()));
                }
            }
            if (!failures.isEmpty()) {
                throw new IllegalStateException("devstack did not start (logs in " + stateDir.resolve("logs") + "):\n"
                        + String.join("\n", failures));
            }
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        } catch (InterruptedException e) {
            stack.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting devstack", e);
        }
    }

    /** Starts (or restarts) the broker; the start itself runs outside the lock, so the three servers start in parallel. */
    public void startKafka() {
        ServerProcess started = ServerProcess.start("kafka", "dev.vigil.devstack.kafka.KafkaBrokerMain", List.of("-Xmx512m"),
                List.of("--port", Integer.toString(kafkaPort), "--controller-port", Integer.toString(kafkaControllerPort),
                        "--data", stateDir.resolve("kafka").toString()),
                stateDir.resolve("logs/kafka.log"), READY_TIMEOUT);
        synchronized (this) {
            kafka = started;
        }
    }

    public void startClickHouse() {
        ServerProcess started = ServerProcess.start("clickhouse", "dev.vigil.devstack.clickhouse.ClickHouseServerMain", List.of("-Xmx256m"),
                List.of("--port", Integer.toString(clickHousePort), "--data", stateDir.resolve("clickhouse").toString()),
                stateDir.resolve("logs/clickhouse.log"), READY_TIMEOUT);
        synchronized (this) {
            clickHouse = started;
        }
    }

    public void startPostgres() {
        ServerProcess started = ServerProcess.start("postgres", "dev.vigil.devstack.postgres.PostgresMain", List.of("-Xmx256m"),
                List.of("--port", Integer.toString(postgresPort), "--data", stateDir.resolve("postgres").toString()),
                stateDir.resolve("logs/postgres.log"), READY_TIMEOUT);
        synchronized (this) {
            postgres = started;
        }
    }

    /** Stops the broker cleanly; {@link #startKafka()} brings it back on the same port and data. */
    public synchronized void stopKafka() {
        owned(kafka, "kafka").stop();
    }

    /** Stops the ClickHouse server cleanly; {@link #startClickHouse()} brings it back. */
    public synchronized void stopClickHouse() {
        owned(clickHouse, "clickhouse").stop();
    }

    private static ServerProcess owned(ServerProcess server, String name) {
        if (server == null) {
            throw new IllegalStateException(name + " was not started by this DevStack (an attached stack cannot stop it)");
        }
        return server;
    }

    public String kafkaBootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    public String clickHouseUrl() {
        return "http://127.0.0.1:" + clickHousePort;
    }

    public PostgresConnection postgres() {
        return externalPostgres.orElseGet(() -> new PostgresConnection(
                "127.0.0.1", postgresPort, "vigil", "vigil", "vigil"));
    }

    public Path stateDir() {
        return stateDir;
    }

    /** Stops every server this stack started; ClickHouse last, once nothing writes to it. */
    @Override
    public synchronized void close() {
        for (ServerProcess server : new ServerProcess[] {kafka, postgres, clickHouse}) {
            if (server != null) {
                server.close();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** Where a PostgreSQL database is and how to log in. */
    public record PostgresConnection(String host, int port, String database, String user, String password) {
        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        /** The Vert.x reactive client's form, as Quarkus' {@code quarkus.datasource.reactive.url} takes it. */
        public String reactiveUrl() {
            return "postgresql://" + host + ":" + port + "/" + database;
        }

        /** Parses {@code postgresql://user:password@host:port/database}. */
        public static PostgresConnection parse(String url) {
            java.net.URI uri = java.net.URI.create(url.replaceFirst("^jdbc:", ""));
            String[] credentials = Optional.ofNullable(uri.getUserInfo()).orElse("postgres:").split(":", 2);
            return new PostgresConnection(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432,
                    uri.getPath().replaceFirst("^/", ""), credentials[0], credentials.length > 1 ? credentials[1] : "");
        }
    }
}
