package dev.vigil.system.webui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * Stands in for Slack's incoming webhooks on loopback: every POST under {@code /hooks/} is answered 200 and
 * recorded (path, time, body); {@code GET /received} lists what was recorded, so the browser tests can check that
 * a rule made in the UI notified, and that a silence made in the UI stopped it.
 */
final class SlackStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Received(String path, Instant at, String body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    SlackStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the Slack stand-in", e);
        }
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/hooks/", this::hook);
        server.createContext("/received", this::list);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void hook(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            answer(exchange, 405, "only POST");
            return;
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getRequestURI().getPath(), Instant.now(), body));
        answer(exchange, 200, "ok");
    }

    private void list(HttpExchange exchange) throws IOException {
        ArrayNode out = JSON.createArrayNode();
        for (Received r : received) {
            out.addObject().put("path", r.path()).put("at", r.at().toString()).put("body", r.body());
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        answer(exchange, 200, JSON.writeValueAsString(out));
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
