package dev.vigil.health.platform;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

/**
 * A real HTTP server standing in for one Vigil service: it answers {@code /q/health/ready} the way
 * SmallRye Health does, UP with 200 or DOWN with 503, serves a fixed Prometheus {@code /q/metrics}, and
 * can be switched off so nothing listens on its port, and on again on the same port.
 */
final class StandInService implements AutoCloseable {

    enum Readiness { UP, DOWN }

    private static final String UP_BODY = """
            {"status":"UP","checks":[{"name":"Reactive PostgreSQL connections health check","status":"UP","data":{"<default>":"UP"}}]}""";
    private static final String DOWN_BODY = """
            {"status":"DOWN","checks":[{"name":"Reactive PostgreSQL connections health check","status":"DOWN","data":{"<default>":"down - connection refused"}}]}""";

    private static final String METRICS_BODY = """
            # TYPE vigil_ingest_spans_rejected_total counter
            vigil_ingest_spans_rejected_total{reason="invalid",signal="traces"} 2.0
            vigil_ingest_spans_accepted_total{signal="traces"} 40.0
            """;

    private final int port;
    private volatile Readiness readiness = Readiness.UP;
    private HttpServer server;

    private StandInService(int port) {
        this.port = port;
    }

    /** Listening on a free port and answering as {@code readiness}. */
    static StandInService answering(Readiness readiness) {
        StandInService service = new StandInService(freePort());
        service.answer(readiness);
        service.start();
        return service;
    }

    /** A port that nothing listens on until {@link #start()}. */
    static StandInService silent() {
        return new StandInService(freePort());
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    void answer(Readiness readiness) {
        this.readiness = readiness;
    }

    synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if ("/q/metrics".equals(exchange.getRequestURI().getPath())) {
                byte[] body = METRICS_BODY.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
                return;
            }
            if (!"/q/health/ready".equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            Readiness now = readiness;
            byte[] body = (now == Readiness.UP ? UP_BODY : DOWN_BODY).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(now == Readiness.UP ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
