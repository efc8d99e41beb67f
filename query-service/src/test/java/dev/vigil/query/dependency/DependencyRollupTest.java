package dev.vigil.query.dependency;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.devstack.testing.DevStackResource;
import dev.vigil.query.ShopFixture;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The graph read from the per-minute rollup (V0016) answers exactly what the live join answers on the same spans.
 * Each test writes its own services into minutes of their own, days back, where no other test has spans, and rolls
 * up only those minutes.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class DependencyRollupTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SECOND = 1_000_000_000L;

    @Inject
    DependencyRollup rollup;

    private String caller;
    private String callee;
    private long start;
    private final Random random = new Random(7);
    private final List<String> rows = new ArrayList<>();

    @BeforeAll
    static void schema() throws Exception {
        // The shop is stored through ingest-service, which applies the schema.
        ShopFixture.ensureStored();
    }

    @BeforeEach
    void ownServicesAndMinutes() {
        String run = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        caller = "rollup-" + run + "-caller";
        callee = "rollup-" + run + "-callee";
        // Two to three days back, on a minute of its own.
        start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofDays(2))
                .minus(Duration.ofMinutes(ThreadLocalRandom.current().nextInt(1440))).getEpochSecond();
    }

    /** {@code count} calls in the minute starting at {@code minute} seconds after start, every tenth failed. */
    private void calls(int minute, int count) {
        for (int i = 0; i < count; i++) {
            long at = (start + minute * 60L) * SECOND + random.nextLong(59 * SECOND);
            call(at, at + random.nextLong(SECOND / 10), i % 10 == 3);
            // And a query to its database, which no callee answers.
            span(traceId(), at, caller, "Client", "SELECT", HexFormat.of().toHexDigits(random.nextLong()), "",
                    "{'db.system':'postgresql'}", i % 7 == 0);
        }
    }

    /** One call from the caller to the callee service, the callee span starting at {@code calleeAt}. */
    private void call(long callerAt, long calleeAt, boolean error) {
        String traceId = traceId();
        String spanId = HexFormat.of().toHexDigits(random.nextLong());
        span(traceId, callerAt, caller, "Client", "HTTP GET", spanId, "", "{'server.address':'" + callee + "'}",
                false);
        span(traceId, calleeAt, callee, "Server", "GET /", HexFormat.of().toHexDigits(random.nextLong()), spanId,
                "{}", error);
    }

    private String traceId() {
        return HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
    }

    private void span(String traceId, long nanos, String service, String kind, String name, String spanId,
            String parent, String attributes, boolean error) {
        rows.add("(fromUnixTimestamp64Nano(toInt64(" + nanos + ")), '" + traceId + "', '" + spanId + "', '" + parent
                + "', '" + name + "', '" + kind + "', '" + service + "', " + attributes + ", "
                + (1_000_000 + random.nextInt(50_000_000)) + ", '" + (error ? "Error" : "Unset") + "')");
    }

    private void store() throws Exception {
        clickHouse("INSERT INTO vigil.otel_traces (Timestamp, TraceId, SpanId, ParentSpanId, SpanName, SpanKind,"
                + " ServiceName, SpanAttributes, Duration, StatusCode) VALUES " + String.join(",", rows));
        rows.clear();
    }

    private static String clickHouse(String sql) throws Exception {
        return ShopFixture.clickHouse(sql);
    }

    /** The graph's edges from this test's caller, as the API answers them. */
    private List<JsonNode> edges(long fromNanos, long toNanos) throws Exception {
        Response response = given().queryParams(Map.of("from", Long.toString(fromNanos / 1_000_000),
                "to", Long.toString(toNanos / 1_000_000))).get("/api/v1/dependencies");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        List<JsonNode> edges = new ArrayList<>();
        JSON.readTree(response.asString()).get("edges").forEach(e -> {
            if (e.get("source").asText().equals(caller)) {
                edges.add(e);
            }
        });
        return edges;
    }

    private long at(int minute, int second) {
        return (start + minute * 60L + second) * SECOND;
    }

    /** The distinct edge rows rolled up: two replicas at once may both store a minute, with equal rows. */
    private long rolledUpRows() throws Exception {
        return Long.parseLong(clickHouse("SELECT count() FROM (SELECT DISTINCT Minute, Callers, Source, TargetKind,"
                + " Target FROM vigil.vigil_dependency_edges_1m WHERE Source = '" + caller + "')"));
    }

    /**
     * The same edges with the same calls, errors and latency: DDSketch states (V0019) merge exactly, so a range merged
     * from minutes has the quantiles of the live join over its spans.
     */
    private static void assertSameEdges(List<JsonNode> actual, List<JsonNode> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            JsonNode a = actual.get(i);
            JsonNode e = expected.get(i);
            String edge = e.get("source").asText() + " -> " + e.get("target").asText();
            assertThat(a.get("source")).as(edge).isEqualTo(e.get("source"));
            assertThat(a.get("target")).as(edge).isEqualTo(e.get("target"));
            assertThat(a.get("calls")).as(edge).isEqualTo(e.get("calls"));
            assertThat(a.get("errors")).as(edge).isEqualTo(e.get("errors"));
            assertThat(a.get("latencyMs")).as(edge).isEqualTo(e.get("latencyMs"));
        }
    }

    private long callsTo(List<JsonNode> edges, String target) {
        return edges.stream().filter(e -> e.get("target").asText().equals(target))
                .mapToLong(e -> e.get("calls").asLong()).sum();
    }

    @Test
    void theRolledUpGraphIsTheLiveGraphWithPartialMinutesAndAnUnrolledTailJoinedLive() throws Exception {
        for (int minute = 0; minute < 8; minute++) {
            calls(minute, 40 + 10 * minute);
        }
        store();
        // Half a minute in, to the middle of the last minute: a head and a tail are always joined live.
        long from = at(0, 30);
        long to = at(7, 45);
        List<JsonNode> live = edges(from, to);
        assertThat(live).hasSize(2);

        // Minutes 1–5 rolled up; 6 and 7 are not yet (the tail), 0 is only half in the range (the head).
        assertThat(rollup.rollUp(start + 60, start + 6 * 60)).isEqualTo(5);
        assertThat(rolledUpRows()).isEqualTo(5 * 2);

        assertSameEdges(edges(from, to), live);
    }

    @Test
    void aCalleeThatArrivesInTheNextMinuteWithinTheGraceIsCounted() throws Exception {
        calls(0, 20);
        // Called at the end of minute 0, answered 40 s later: its callee span is in minute 1.
        call(at(0, 59), at(1, 39), false);
        store();

        assertThat(rollup.rollUp(start, start + 60)).isEqualTo(1);
        List<JsonNode> edges = edges(at(0, 0), at(1, 0));
        assertThat(callsTo(edges, callee)).isEqualTo(21);
        // Without its callee it would have been a call to the host it names.
        assertThat(callsTo(edges, "external:" + callee)).isZero();
    }

    @Test
    void rollingUpAgainOrOnTwoReplicasAtOnceStoresEachMinuteOnce() throws Exception {
        for (int minute = 0; minute < 4; minute++) {
            calls(minute, 30);
        }
        store();
        List<JsonNode> live = edges(at(0, 0), at(4, 0));

        // Two replicas find the same minutes to do, and both roll them up.
        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(() -> rollup.rollUp(start, start + 4 * 60));
        CompletableFuture<Integer> two = CompletableFuture.supplyAsync(() -> rollup.rollUp(start, start + 4 * 60));
        assertThat(one.get() + two.get()).isBetween(4, 8);
        assertThat(rollup.rollUp(start, start + 4 * 60)).isZero();

        assertThat(rolledUpRows()).isEqualTo(4 * 2);
        List<JsonNode> rolledUp = edges(at(0, 0), at(4, 0));
        assertSameEdges(rolledUp, live);
        assertThat(callsTo(rolledUp, callee)).isEqualTo(4 * 30);
    }

    @Test
    void spansLoadedIntoARolledUpMinuteAreJoinedLiveUntilItIsRolledUpAgain() throws Exception {
        for (int minute = 0; minute < 3; minute++) {
            calls(minute, 25);
        }
        store();
        assertThat(rollup.rollUp(start, start + 3 * 60)).isEqualTo(3);

        calls(1, 15);
        store();
        List<JsonNode> stale = edges(at(0, 0), at(3, 0));
        assertThat(callsTo(stale, callee)).isEqualTo(3 * 25 + 15);

        assertThat(rollup.rollUp(start, start + 3 * 60)).isEqualTo(1);
        List<JsonNode> rolledUpAgain = edges(at(0, 0), at(3, 0));
        assertSameEdges(rolledUpAgain, stale);
        assertThat(callsTo(rolledUpAgain, callee)).isEqualTo(3 * 25 + 15);
    }

    @Test
    void aBlockOfTenRolledUpMinutesIsReadInsteadOfItsMinutesUntilSpansComeIntoOneOfThem() throws Exception {
        start = Math.ceilDiv(start, 600) * 600;
        for (int minute = 0; minute < 12; minute++) {
            calls(minute, 20 + minute);
        }
        store();
        long from = at(0, 0);
        long to = at(12, 0);
        List<JsonNode> live = edges(from, to);

        assertThat(rollup.rollUp(start, start + 12 * 60)).isEqualTo(12);
        assertThat(rolledUpBlockRows()).isEqualTo(2);
        assertSameEdges(edges(from, to), live);

        // Spans loaded into minute 3: the block no longer counts them all, so its minutes are read and joined.
        calls(3, 9);
        store();
        List<JsonNode> withLateSpans = edges(from, to);
        assertThat(callsTo(withLateSpans, callee)).isEqualTo(callsTo(live, callee) + 9);

        // Rolled up again: minute 3 anew, then the block as a new generation that counts them.
        assertThat(rollup.rollUp(start, start + 12 * 60)).isEqualTo(1);
        assertThat(rolledUpBlockRows()).isEqualTo(4);
        assertSameEdges(edges(from, to), withLateSpans);

        // Without the block's minutes in the minute rollup, the graph still answers the same: it reads the block.
        clickHouse("ALTER TABLE vigil.vigil_dependency_edges_1m DELETE WHERE Source = '" + caller + "'"
                + " AND Minute < toDateTime(" + (start + 600) + ") SETTINGS mutations_sync = 2");
        assertSameEdges(edges(from, to), withLateSpans);
    }

    /** The distinct block rows rolled up for this test's caller, over every generation. */
    private long rolledUpBlockRows() throws Exception {
        return Long.parseLong(clickHouse("SELECT count() FROM (SELECT DISTINCT Block, Callers, Source, TargetKind,"
                + " Target FROM vigil.vigil_dependency_edges_10m WHERE Source = '" + caller + "')"));
    }
}
