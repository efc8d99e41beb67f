package dev.vigil.system;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Reads what ClickHouse holds of one service's spans, through ClickHouse's HTTP interface. */
final class StoredSpans {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String clickHouseUrl;
    private final String service;

    StoredSpans(String clickHouseUrl, String service) {
        this.clickHouseUrl = clickHouseUrl;
        this.service = service;
    }

    long count() {
        return Long.parseLong(query("SELECT count() FROM vigil.otel_traces WHERE ServiceName = {service:String}").strip());
    }

    /** How many times each span id of the service is stored. */
    Map<String, Integer> copiesBySpanId() {
        Map<String, Integer> copies = new HashMap<>();
        String rows = query("SELECT SpanId, count() FROM vigil.otel_traces WHERE ServiceName = {service:String}"
                + " GROUP BY SpanId");
        for (String line : rows.split("\n")) {
            if (!line.isBlank()) {
                String[] cols = line.split("\t");
                copies.put(cols[0], Integer.parseInt(cols[1]));
            }
        }
        return copies;
    }

    /** The answer to {@code sql} in ClickHouse's tab-separated format; {@code {service:String}} is the service. */
    String query(String sql) {
        URI uri = URI.create(clickHouseUrl + "/?param_service=" + URLEncoder.encode(service, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(sql)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("ClickHouse answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("ClickHouse at " + clickHouseUrl + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
