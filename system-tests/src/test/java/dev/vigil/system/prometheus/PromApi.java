package dev.vigil.system.prometheus;

import dev.vigil.devstack.testing.TestCredentials;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A client of one Prometheus HTTP API root ({@code .../api/v1}), by GET or form POST, as Grafana calls it. */
final class PromApi {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final URI root;

    PromApi(String name, URI root) {
        this.name = name;
        this.root = root;
    }

    String name() {
        return name;
    }

    /** The whole JSON answer; an error answer is returned as it is, for comparison. */
    JsonNode get(String path, List<Map.Entry<String, String>> params) {
        return send(HttpRequest.newBuilder(URI.create(root + path + (params.isEmpty() ? "" : "?" + form(params)))).GET());
    }

    JsonNode post(String path, List<Map.Entry<String, String>> params) {
        return send(HttpRequest.newBuilder(URI.create(root + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(params))));
    }

    private JsonNode send(HttpRequest.Builder request) {
        // Vigil needs a key; Prometheus ignores the header.
        request.header("Authorization", TestCredentials.adminAuthorization());
        try {
            HttpResponse<String> answer = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            try {
                return JSON.readTree(answer.body());
            } catch (IOException e) {
                throw new IllegalStateException(name + " answered " + answer.statusCode() + " with no JSON: " + answer.body(), e);
            }
        } catch (IOException e) {
            throw new IllegalStateException(name + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(List<Map.Entry<String, String>> params) {
        return params.stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    static String seconds(long ms) {
        return ms % 1000 == 0 ? Long.toString(ms / 1000) : String.format("%d.%03d", ms / 1000, ms % 1000);
    }
}
