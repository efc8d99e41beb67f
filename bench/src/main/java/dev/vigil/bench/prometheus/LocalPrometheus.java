package dev.vigil.bench.prometheus;

import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.stream.Stream;

/**
 * Debian's Prometheus ({@code /usr/bin/prometheus}) on a loopback port and a temp data folder, with its remote-write
 * receiver on and nothing to scrape: the baseline the benchmark measures Vigil against.
 */
final class LocalPrometheus implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final URI base;
    private final Path dir;

    private LocalPrometheus(Process process, URI base, Path dir) {
        this.process = process;
        this.base = base;
        this.dir = dir;
    }

    static LocalPrometheus start(Path binary) throws IOException, InterruptedException {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(binary + " is missing: ./vigil bench prometheus installs Debian's prometheus"
                    + " package, or pass --prometheus-binary");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path dir = Files.createTempDirectory("vigil-bench-prometheus");
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 1h\n");
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(List.of(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--web.enable-remote-write-receiver", "--query.max-samples=200000000"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LocalPrometheus prometheus = new LocalPrometheus(process, URI.create("http://127.0.0.1:" + port), dir);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(prometheus.base.resolve("/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return prometheus;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        prometheus.close();
        throw new IllegalStateException("prometheus was not ready within 60 s; its log: " + log);
    }

    URI base() {
        return base;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
