package dev.vigil.devstack.clickhouse;

import dev.vigil.devstack.launch.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@link ClickHouseServerMain} started by devstack's launcher, on a free port, with a log of its own. */
final class ClickHouseServerProcess implements AutoCloseable {
    private final ServerProcess server;
    private final Path log;

    private ClickHouseServerProcess(ServerProcess server, Path log) {
        this.server = server;
        this.log = log;
    }

    static ClickHouseServerProcess start(Path dataDirectory, String... extraArguments) throws IOException {
        Path log = Files.createTempFile(dataDirectory.toAbsolutePath().getParent(), "clickhouse-", ".log");
        List<String> args = new ArrayList<>(List.of("--port", "0", "--data", dataDirectory.toString()));
        args.addAll(List.of(extraArguments));
        ServerProcess server = ServerProcess.start("clickhouse", ClickHouseServerMain.class.getName(), List.of(), args,
                log, Duration.ofSeconds(60));
        return new ClickHouseServerProcess(server, log);
    }

    String url() {
        return server.endpoint();
    }

    int port() {
        return URI.create(url()).getPort();
    }

    /** Everything the server printed. */
    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** SIGTERM; returns the exit code. */
    int stop() {
        return server.stop();
    }

    @Override
    public void close() {
        server.close();
    }
}
