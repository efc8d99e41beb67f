package dev.vigil.query;

import dev.vigil.demo.shop.PlannedSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the query APIs must answer about the shop scenario, worked out from the plan alone. */
public final class ShopExpectations {

    private ShopExpectations() {
    }

    /** One call seen from its caller span: where it went, whether it failed, how long the caller waited. */
    public record Call(String source, String target, boolean error, long durationNanos) {
    }

    /** Every call of the plan, as the dependency graph defines them (see DependencyQueries.EDGES). */
    public static List<Call> calls() {
        List<Call> calls = new ArrayList<>();
        for (PlannedSpan span : ShopFixture.spans()) {
            if (span.kind() != PlannedSpan.Kind.CLIENT && span.kind() != PlannedSpan.Kind.PRODUCER) {
                continue;
            }
            PlannedSpan callee = span.children().stream()
                    .filter(c -> c.kind() == PlannedSpan.Kind.SERVER && !c.service().equals(span.service()))
                    .findFirst().orElse(null);
            String target;
            boolean error = span.error();
            if (callee != null) {
                target = callee.service();
                error |= callee.error();
            } else if (span.attributes().containsKey("db.system")) {
                target = "database:" + span.attributes().get("db.system");
            } else if (span.attributes().containsKey("messaging.system")) {
                target = "queue:" + span.attributes().get("messaging.system");
            } else {
                target = "external:" + span.attributes().get("server.address");
            }
            calls.add(new Call(span.service(), target, error, span.durationNanos()));
        }
        return calls;
    }

    /** The metric collection times of the scenario, Unix seconds: every 10 s after its start, up to its end. */
    public static List<Long> collections() {
        List<Long> times = new ArrayList<>();
        long start = ShopFixture.start().getEpochSecond();
        for (int i = 1; i <= ShopFixture.COLLECTIONS; i++) {
            times.add(start + 10L * i);
        }
        return times;
    }

    /** Requests (server spans) of the service that ended in {@code [fromSecond, toSecond)}. */
    public static List<PlannedSpan> served(String service, long fromSecond, long toSecond) {
        return ShopFixture.spans(s -> s.kind() == PlannedSpan.Kind.SERVER && s.service().equals(service)
                && s.endNanos() >= fromSecond * 1_000_000_000L && s.endNanos() < toSecond * 1_000_000_000L);
    }

    /** The CPU gauge the service reported at collection time {@code t}: from the requests of the 10 s before. */
    public static double cpuAt(String service, long t) {
        return dev.vigil.demo.shop.ShopTelemetry.cpuUtilization(served(service, t - 10, t).size());
    }

    /** The memory gauge the service reported at collection time {@code t}: from every request before. */
    public static double memoryAt(String service, long t) {
        return dev.vigil.demo.shop.ShopTelemetry.memoryUtilization(
                served(service, ShopFixture.start().getEpochSecond(), t).size());
    }

    /** The calls per "source -> target" edge, in edge order. */
    public static Map<String, List<Call>> edges() {
        Map<String, List<Call>> edges = new TreeMap<>();
        for (Call call : calls()) {
            edges.computeIfAbsent(call.source() + " -> " + call.target(), k -> new ArrayList<>()).add(call);
        }
        return edges;
    }
}
