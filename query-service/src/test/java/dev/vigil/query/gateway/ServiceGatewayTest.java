package dev.vigil.query.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * query-service passes alert- and health-service's paths on: here health-service is a stand-in HTTP server that
 * records what it received, and alert-service's address is a port where nothing listens.
 */
@QuarkusTest
@TestProfile(ServiceGatewayTest.WithStandIn.class)
class ServiceGatewayTest {

    /** What the stand-in received: method, path with query, a header, and the body. */
    record Received(String method, String uri, String header, String body) {
    }

    static final class StandIn {
        static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
        /** Released by the test once it has read the stream's first event: proof that events are not buffered. */
        static final CountDownLatch FIRST_EVENT_READ = new CountDownLatch(1);
        /** Counted down when the endless stream's writes start failing: its reader went away. */
        static final CountDownLatch ENDLESS_CUT = new CountDownLatch(1);
        static final HttpServer SERVER = start();

        private static HttpServer start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                server.setExecutor(Executors.newCachedThreadPool());
                server.createContext("/api/v1/stream", StandIn::stream);
                server.createContext("/api/v1/platform/endless", StandIn::endless);
                server.createContext("/", StandIn::answer);
                server.start();
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void answer(HttpExchange exchange) throws IOException {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            RECEIVED.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders().getFirst("X-Test"), body));
            byte[] answer = "{\"nodes\":[{\"name\":\"node-a\"}]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Upstream", "health");
            exchange.sendResponseHeaders(exchange.getRequestMethod().equals("POST") ? 201 : 200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }

        private static void endless(HttpExchange exchange) throws IOException {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            try {
                for (int i = 0; i < 600; i++) {
                    out.write(("data: " + i + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(50);
                }
            } catch (IOException e) {
                ENDLESS_CUT.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        }

        private static void stream(HttpExchange exchange) throws IOException {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("event: cluster\ndata: {\"n\":1}\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                // The second event is written only after the client has read the first through the gateway.
                boolean read = FIRST_EVENT_READ.await(10, TimeUnit.SECONDS);
                out.write(("event: cluster\ndata: {\"n\":2,\"firstSeenBeforeSecondSent\":" + read + "}\n\n")
                        .getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static final class WithStandIn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "vigil.query.gateway.health-url", "http://127.0.0.1:" + StandIn.SERVER.getAddress().getPort(),
                    // Port 1 on loopback: nothing listens, the connection is refused at once.
                    "vigil.query.gateway.alert-url", "http://127.0.0.1:1");
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @TestHTTPResource("/")
    URI root;

    @Test
    void passesARequestOnAndItsAnswerBackUnchanged() {
        StandIn.RECEIVED.clear();
        given().header("X-Test", "kept").contentType("application/json").body("{\"a\":1}")
                .post("/api/v1/cluster/pods?namespace=shop&workload=cart")
                .then().statusCode(201)
                .header("X-Upstream", "health")
                .body("nodes[0].name", equalTo("node-a"));

        assertThat(StandIn.RECEIVED).containsExactly(
                new Received("POST", "/api/v1/cluster/pods?namespace=shop&workload=cart", "kept", "{\"a\":1}"));
    }

    @Test
    void leavesQueryServicesOwnPathsAlone() {
        StandIn.RECEIVED.clear();
        given().get("/api/v1/clusters").then().statusCode(404);
        given().get("/q/health/live").then().statusCode(200);
        assertThat(StandIn.RECEIVED).isEmpty();
    }

    @Test
    void answers503WithRetryAfterWhenTheServiceCannotBeReached() {
        given().get("/api/v1/rules").then().statusCode(503)
                .header("Retry-After", "5")
                .body("error", equalTo("unavailable"))
                .body("message", equalTo("alert-service cannot be reached; retry later"));
        given().get("/api/v1/dashboards/golden-signals/versions").then().statusCode(503)
                .body("message", equalTo("alert-service cannot be reached; retry later"));
    }

    @Test
    void streamsServerSentEventsAsTheyCome() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(root.resolve("/api/v1/stream"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(20)).build();
        HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));

        try (BufferedReader events = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> dataLine(events));
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("data: {\"n\":1}");
            StandIn.FIRST_EVENT_READ.countDown();
            assertThat(dataLine(events)).isEqualTo("data: {\"n\":2,\"firstSeenBeforeSecondSent\":true}");
        }
    }

    @Test
    void cutsTheServicesStreamWhenTheCallerGoesAway() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(root.resolve("/api/v1/platform/endless"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader events = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        assertThat(dataLine(events)).isEqualTo("data: 0");
        events.close();
        http.close();

        assertThat(StandIn.ENDLESS_CUT.await(10, TimeUnit.SECONDS))
                .as("the service's stream is cut once the caller has gone, not written to for nobody")
                .isTrue();
    }

    private static String dataLine(BufferedReader events) {
        try {
            String line;
            while ((line = events.readLine()) != null) {
                if (line.startsWith("data:")) {
                    return line;
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
