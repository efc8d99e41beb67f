package dev.vigil.system;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

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

    /** Every accepted span once; refused ones at most once; nothing else of the service. */
    void assertStoredOnce(Set<String> accepted, Set<String> refused) {
        Map<String, Integer> copies = copiesBySpanId();
        Set<String> twice = new HashSet<>();
        copies.forEach((id, n) -> {
            if (n != 1) {
                twice.add(id);
            }
        });
        assertThat(twice).as("span ids stored more than once").isEmpty();
        assertThat(copies.keySet()).as("every accepted span is stored").containsAll(accepted);
        Set<String> unexpected = new HashSet<>(copies.keySet());
        unexpected.removeAll(accepted);
        unexpected.removeAll(refused);
        assertThat(unexpected).as("stored spans that were never sent").isEmpty();
        System.out.printf("%d spans accepted, %d refused, %d stored once each (%d of them refused ones)%n",
                accepted.size(), refused.size(), copies.size(), copies.size() - accepted.size());
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
