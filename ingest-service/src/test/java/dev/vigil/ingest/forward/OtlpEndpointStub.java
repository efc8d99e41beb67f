package dev.vigil.ingest.forward;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An external OTLP/HTTP endpoint for tests: records every request and answers from a script, then
 * with 200 and an empty export response.
 */
public final class OtlpEndpointStub implements AutoCloseable {

    /** One request as received, with the status it was answered with. */
    public record Received(String method, String path, Map<String, String> headers, byte[] body, int status,
            long atNanos) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    public record Answer(int status, Map<String, String> headers, byte[] body) {
        public static Answer of(int status) {
            return new Answer(status, Map.of(), new byte[0]);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Answer> script = new ConcurrentLinkedDeque<>();

    private OtlpEndpointStub(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static OtlpEndpointStub start() throws IOException {
        return new OtlpEndpointStub(0);
    }

    public static OtlpEndpointStub startOn(int port) throws IOException {
        return new OtlpEndpointStub(port);
    }

    public void answerNext(Answer... answers) {
        script.addAll(List.of(answers));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        Answer answer = script.poll();
        if (answer == null) {
            answer = Answer.of(200);
        }
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body,
                answer.status(), System.nanoTime()));
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        if (answer.body().length > 0) {
            exchange.getResponseBody().write(answer.body());
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
