package dev.vigil.query.trace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Orders a trace's spans parent before child, whatever order storage returned them in and however skewed the
 * clocks of the services were: a topological order in which, among the spans whose parents are all placed, the
 * earliest start goes first (then the smaller span id, so the answer is stable).
 *
 * <p>Spans whose parent is not in the trace (not sent, sampled out, expired) are placed as roots, so none is
 * lost. A parent cycle, which only corrupt data can produce, is broken at its earliest span.
 */
final class SpanOrder {

    // Start times are fixed-width RFC 3339 UTC strings (Timestamps), so comparing them compares the times.
    private static final Comparator<Span> EARLIEST_FIRST =
            Comparator.comparing(Span::startTime).thenComparing(Span::spanId);

    private SpanOrder() {
    }

    static List<Span> parentsFirst(List<Span> spans) {
        Map<String, Span> byId = new HashMap<>();
        for (Span span : spans) {
            byId.putIfAbsent(span.spanId(), span);
        }
        PriorityQueue<Span> ready = new PriorityQueue<>(EARLIEST_FIRST);
        Map<String, List<Span>> waitingByParent = new HashMap<>();
        for (Span span : spans) {
            String parent = span.parentSpanId();
            if (parent == null || parent.equals(span.spanId()) || !byId.containsKey(parent)) {
                ready.add(span);
            } else {
                waitingByParent.computeIfAbsent(parent, p -> new ArrayList<>()).add(span);
            }
        }
        List<Span> ordered = new ArrayList<>(spans.size());
        while (ordered.size() < spans.size()) {
            if (ready.isEmpty()) {
                ready.add(breakCycle(waitingByParent, byId));
            }
            Span next = ready.poll();
            ordered.add(next);
            List<Span> children = waitingByParent.remove(next.spanId());
            if (children != null) {
                ready.addAll(children);
            }
        }
        return ordered;
    }

    // Only reached when every span left waits for a parent that is itself waiting: following parent links from
    // any of them must end in a cycle. Release the cycle's earliest span, so its descendants keep their order.
    private static Span breakCycle(Map<String, List<Span>> waitingByParent, Map<String, Span> byId) {
        Span current = waitingByParent.values().stream()
                .flatMap(List::stream)
                .min(EARLIEST_FIRST)
                .orElseThrow(() -> new IllegalStateException("no span left to place"));
        Set<String> visited = new HashSet<>();
        while (visited.add(current.spanId())) {
            current = byId.get(current.parentSpanId());
        }
        Span earliest = current;
        for (Span onCycle = byId.get(current.parentSpanId()); onCycle != current;
                onCycle = byId.get(onCycle.parentSpanId())) {
            if (EARLIEST_FIRST.compare(onCycle, earliest) < 0) {
                earliest = onCycle;
            }
        }
        waitingByParent.get(earliest.parentSpanId()).remove(earliest);
        return earliest;
    }
}
