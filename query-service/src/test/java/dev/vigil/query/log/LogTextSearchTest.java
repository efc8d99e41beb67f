package dev.vigil.query.log;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.devstack.testing.DevStackResource;
import dev.vigil.devstack.testing.SharedDevStack;
import dev.vigil.query.ShopFixture;
import dev.vigil.query.trace.Timestamps;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The text search over an hour of records of its own service (two hours back, clear of the shop's minutes): what
 * it finds is exactly the records whose body contains the text ignoring case, newest first, page after page, whether
 * the text is a whole word, part of one, a phrase, LIKE's wildcards or non-ASCII, and however many of the window's
 * time slices it takes to fill a page.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class LogTextSearchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECORDS = 3_000;
    private static final String SERVICE = "textsearch-" + Long.toString(System.nanoTime(), 36);
    private static final Instant FROM = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(2));
    private static final Instant TO = FROM.plus(Duration.ofHours(1));
    /** "time body" of every record stored, oldest first. */
    private static final List<String> STORED = new ArrayList<>();

    @BeforeAll
    static void storeAnHourOfRecords() throws Exception {
        ShopFixture.ensureStored(); // its ingest-service creates the schema (V0017 included)
        long from = FROM.getEpochSecond() * 1_000_000_000L;
        long gap = Duration.ofHours(1).toNanos() / RECORDS;
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < RECORDS; i++) {
            long time = from + i * gap;
            String body = body(i);
            STORED.add(Timestamps.fromUnixNanos(time) + " " + body);
            rows.append(Timestamps.fromUnixNanos(time)).append('\t').append(SERVICE).append('\t')
                    .append(body.replace("\\", "\\\\")).append("\tINFO\t9\n");
        }
        String sql = "INSERT INTO vigil.otel_logs (Timestamp, ServiceName, Body, SeverityText, SeverityNumber) FORMAT TSV";
        // The times as RFC 3339 in UTC, which best-effort parsing reads whatever the server's time zone.
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        SharedDevStack.get().clickHouseUrl() + "/?date_time_input_format=best_effort&query="
                                + URLEncoder.encode(sql, StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(rows.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    /** Words, ids, wildcards and umlauts, each in records spread over the whole hour. */
    private static String body(int i) {
        return switch (i % 100) {
            case 3 -> "price 50%_off applied to order-" + i;
            case 4 -> "price 50x_off applied to order-" + i;
            case 5 -> "price 500 off applied to order-" + i;
            case 6 -> "Ärger mit dem Lager, order-" + i;
            case 7 -> "path C:\\temp\\slash of order-" + i;
            default -> i % 7 == 0 ? "Checkout failed for ORDER-" + i : "request " + i + " served";
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"checkout", "CHECKOUT FAILED for order-7", "rder-12", "r-2999", "50%_off", "50x_off",
        "0 off", "ärger", "ÄRGER MIT", "\\temp\\", "served", "order-", "no such text"})
    void findsEveryRecordWhoseBodyContainsTheTextIgnoringCaseNewestFirst(String text) throws Exception {
        List<String> expected = STORED.reversed().stream()
                .filter(r -> r.substring(r.indexOf(' ') + 1).toLowerCase(Locale.ROOT)
                        .contains(text.toLowerCase(Locale.ROOT)))
                .toList();

        assertThat(search(text, 40)).containsExactlyElementsOf(expected);
    }

    /** Every page of the search, {@code limit} records at a time, as "time body". */
    private static List<String> search(String text, int limit) throws Exception {
        List<String> found = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 1_000; pages++) {
            Map<String, Object> query = new java.util.HashMap<>(Map.of("from", FROM.toString(), "to", TO.toString(),
                    "service", SERVICE, "q", text, "limit", limit));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            Response response = given().queryParams(query).get("/api/v1/logs");
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
            JsonNode page = JSON.readTree(response.asString());
            page.get("logs").forEach(l -> found.add(l.get("time").asText() + " " + l.get("body").asText()));
            if (page.get("nextCursor").isNull()) {
                return found;
            }
            cursor = page.get("nextCursor").asText();
        }
        throw new AssertionError("more than 1000 pages for " + text);
    }
}
