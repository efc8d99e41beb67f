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

    /** The calls per "source -> target" edge, in edge order. */
    public static Map<String, List<Call>> edges() {
        Map<String, List<Call>> edges = new TreeMap<>();
        for (Call call : calls()) {
            edges.computeIfAbsent(call.source() + " -> " + call.target(), k -> new ArrayList<>()).add(call);
        }
        return edges;
    }
}
