package dev.vigil.alert.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Stands in for Slack, PagerDuty or a webhook receiver: records every request (method, path, headers, JSON
 * body, arrival time, the status answered) and answers with the scripted statuses in order, then 200; while
 * {@linkplain #down down}, it answers every request with 503.
 */
final class RecordingReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One recorded request, and the status it was answered with. */
    record Request(String method, String path, String contentType, JsonNode body, long receivedNanos, int status) {

        boolean accepted() {
            return status / 100 == 2;
        }
    }

    /** A scripted answer. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();
    private boolean down;

    RecordingReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            long at = System.nanoTime();
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (IOException e) {
                json = JSON.getNodeFactory().textNode("NOT JSON: " + new String(body, StandardCharsets.UTF_8));
            }
            Answer answer;
            synchronized (this) {
                answer = down ? new Answer(503, Map.of(), "service unavailable")
                        : script.isEmpty() ? new Answer(200, Map.of(), "ok") : script.poll();
                requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"), json, at, answer.status()));
                notifyAll();
            }
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    synchronized void answerNext(int status, Map<String, String> headers, String body) {
        script.add(new Answer(status, headers, body));
    }

    /** While down, every request is answered 503, as an integration in an outage answers. */
    synchronized void down(boolean down) {
        this.down = down;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests answered with 2xx: what the integration took in. */
    synchronized List<Request> accepted() {
        return requests.stream().filter(Request::accepted).toList();
    }

    /** Waits until at least {@code count} requests were accepted; fails with what did arrive. */
    synchronized List<Request> awaitAccepted(int count, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (accepted().size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " accepted requests within " + within + ", got "
                        + accepted().size() + " of " + requests.size() + ": " + requests);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return accepted();
    }

    /** Waits until at least {@code count} requests arrived; fails with what did arrive. */
    synchronized List<Request> await(int count, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (requests.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " requests within " + within + ", got "
                        + requests.size() + ": " + requests);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
