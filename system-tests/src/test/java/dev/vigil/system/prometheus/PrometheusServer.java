package dev.vigil.system.prometheus;

import dev.vigil.devstack.testing.TestCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Prometheus ({@code /usr/bin/prometheus}, installed by {@code ./vigil test}) as its own process on a temp data
 * folder: a remote-write receiver that forwards everything it stores to one remote-write URL (Vigil's, with the tests'
 * ingest token), flushing within a second;
 * with a rule file, it evaluates those rules too.
 */
final class PrometheusServer implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/prometheus");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path dir;

    private PrometheusServer(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    static PrometheusServer start(URI remoteWrite, int port) {
        return start(remoteWrite, port, null);
    }

    /** The same, evaluating the rules of {@code ruleFile} (when not {@code null}) at the intervals its groups name. */
    static PrometheusServer start(URI remoteWrite, int port, Path ruleFile) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: ./vigil test installs Debian's prometheus package");
        }
        try {
            Path dir = Files.createTempDirectory("vigil-prometheus");
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, """
                    global:
                      scrape_interval: 1h
                    remote_write:
                      - url: %s
                        authorization:
                          credentials: %s
                        remote_timeout: 10s
                        queue_config:
                          batch_send_deadline: 1s
                          max_samples_per_send: 2000
                          min_backoff: 100ms
                          max_backoff: 1s
                    """.formatted(remoteWrite, TestCredentials.INGEST_TOKEN) + (ruleFile == null ? "" : "rule_files:\n  - " + ruleFile.toAbsolutePath() + "\n"));
            Path log = dir.resolve("prometheus.log");
            Process process = new ProcessBuilder(List.of(BINARY.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                    "--web.enable-remote-write-receiver"))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            PrometheusServer server = new PrometheusServer(process, port, dir);
            server.awaitReady(log);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + BINARY, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(uri("/-/ready")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("prometheus not ready within 30 s:\n" + Files.readString(log));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    String version() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(BINARY.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("");
        p.waitFor();
        return out;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }
}
