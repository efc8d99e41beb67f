package dev.vigil.query.dependency;

import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import dev.vigil.query.api.TimeRange;
import dev.vigil.query.clickhouse.ClickHouseReader;
import dev.vigil.query.dependency.DependencyGraph.Edge;
import dev.vigil.query.dependency.DependencyGraph.Latency;
import dev.vigil.query.dependency.DependencyGraph.Node;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

/**
 * Builds the dependency graph of a range. Contract: every service with spans in the range is a node, with or
 * without calls; every edge's ends are nodes; failures are {@link dev.vigil.query.clickhouse.StorageException}s.
 * The edges of whole minutes that {@link DependencyRollup} holds as they are now come from the rollup, as blocks of
 * ten minutes where it holds those; the rest of the range is joined live (see {@link RolledUpMinutes}).
 */
@Singleton
public final class DependencyStore {

    /** How far outside the range a callee span is still matched to a caller in it. */
    static final long CALLEE_SLACK_NANOS = 60_000_000_000L;
    static final long MINUTE_NANOS = 60_000_000_000L;

    private final ClickHouseReader clickHouse;

    DependencyStore(ClickHouseReader clickHouse) {
        this.clickHouse = clickHouse;
    }

    private record EdgeRow(String source, String target, String targetKind, long calls, long errors,
            Latency latency) {
    }

    private record ServiceRow(String name, long spans, long errors) {
    }

    public CompletionStage<DependencyGraph> graph(TimeRange range) {
        long firstWholeMinute = Math.ceilDiv(range.fromNanos(), MINUTE_NANOS) * 60;
        long endOfWholeMinutes = Math.floorDiv(range.toNanos(), MINUTE_NANOS) * 60;
        CompletionStage<List<EdgeRow>> edges = clickHouse.query(DependencyQueries.MINUTE_CALLERS, Map.of(
                        "fromMinute", firstWholeMinute,
                        "toMinute", Math.max(firstWholeMinute, endOfWholeMinutes)), RolledUpMinutes::read)
                .thenCompose(minutes -> {
                    RolledUpMinutes.Run run = minutes.longestRun(firstWholeMinute, endOfWholeMinutes);
                    return clickHouse.query(DependencyQueries.EDGES,
                            edgeParameters(range, run, minutes.longestBlockRun(run)),
                            DependencyStore::edges);
                });
        CompletionStage<List<ServiceRow>> services = clickHouse.query(DependencyQueries.SERVICES, Map.of(
                "fromMinute", range.fromMinuteSeconds(),
                "toMinute", range.toMinuteSeconds()), DependencyStore::services);
        return edges.thenCombine(services, DependencyStore::graph);
    }

    /**
     * The rolled-up minutes of {@code run}, those of {@code blocks} read as blocks, and the caller spans before and
     * after the run joined live.
     */
    private static Map<String, Object> edgeParameters(TimeRange range, RolledUpMinutes.Run run,
            RolledUpMinutes.Run blocks) {
        long runFromNanos = run.isEmpty() ? range.toNanos() : run.fromSecond() * 1_000_000_000L;
        long runToNanos = run.isEmpty() ? range.toNanos() : run.toSecond() * 1_000_000_000L;
        return Map.of(
                "rolledFrom", run.fromSecond(),
                "rolledTo", run.toSecond(),
                "blockFrom", blocks.fromSecond(),
                "blockTo", blocks.toSecond(),
                "headFromNanos", range.fromNanos(),
                "headToNanos", runFromNanos,
                "tailFromNanos", runToNanos,
                "tailToNanos", range.toNanos(),
                "slackNanos", CALLEE_SLACK_NANOS);
    }

    private static DependencyGraph graph(List<EdgeRow> edgeRows, List<ServiceRow> serviceRows) {
        Map<String, Node> nodes = new TreeMap<>();
        serviceRows.forEach(s -> nodes.put(s.name(), new Node(s.name(), s.name(), "service", s.spans(), s.errors())));
        List<Edge> edges = new ArrayList<>(edgeRows.size());
        for (EdgeRow row : edgeRows) {
            nodes.computeIfAbsent(row.source(), name -> new Node(name, name, "service", null, null));
            String target = nodeId(row.target(), row.targetKind());
            nodes.computeIfAbsent(target, id -> new Node(id, row.target(), row.targetKind(), null, null));
            edges.add(new Edge(row.source(), target, row.calls(), row.errors(), row.latency()));
        }
        edges.sort(Comparator.comparing(Edge::source).thenComparing(Edge::target));
        return new DependencyGraph(List.copyOf(nodes.values()), edges);
    }

    /** Services keep their name as id; the rest are prefixed by kind, so a queue named like a service is apart. */
    static String nodeId(String name, String kind) {
        return "service".equals(kind) ? name : kind + ":" + name;
    }

    private static List<EdgeRow> edges(ClickHouseBinaryFormatReader rows) {
        List<EdgeRow> out = new ArrayList<>();
        while (rows.hasNext()) {
            rows.next();
            List<?> q = rows.getList("Latency");
            out.add(new EdgeRow(rows.getString("Source"), rows.getString("Target"), rows.getString("TargetKind"),
                    rows.getLong("Calls"), rows.getLong("Errors"),
                    new Latency(millis(q.get(0)), millis(q.get(1)), millis(q.get(2)))));
        }
        return out;
    }

    private static List<ServiceRow> services(ClickHouseBinaryFormatReader rows) {
        List<ServiceRow> out = new ArrayList<>();
        while (rows.hasNext()) {
            rows.next();
            out.add(new ServiceRow(rows.getString("ServiceName"), rows.getLong("Spans"), rows.getLong("Errors")));
        }
        return out;
    }

    static double millis(Object nanos) {
        return ((Number) nanos).doubleValue() / 1e6;
    }

    /** For the Jaeger API: calls per service pair, services only. */
    public static Map<List<String>, Long> serviceCalls(DependencyGraph graph) {
        Map<String, Node> byId = new LinkedHashMap<>();
        graph.nodes().forEach(n -> byId.put(n.id(), n));
        Map<List<String>, Long> calls = new LinkedHashMap<>();
        for (Edge edge : graph.edges()) {
            calls.put(List.of(edge.source(), byId.get(edge.target()).name()), edge.calls());
        }
        return calls;
    }
}
