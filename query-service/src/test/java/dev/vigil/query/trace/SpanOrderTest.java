package dev.vigil.query.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpanOrderTest {

    private static Span span(String id, String parent, String startTime) {
        return new Span("5b8efff798038103d269b633813fc60c", id, parent, "op-" + id, SpanKind.INTERNAL, "svc",
                startTime, 1, new Span.Status(StatusCode.UNSET, ""), Map.of(), Map.of(),
                new Span.Scope("", ""), List.of(), List.of());
    }

    private static List<String> ids(List<Span> spans) {
        return spans.stream().map(Span::spanId).toList();
    }

    @Test
    void placesParentBeforeChildEvenWhenTheChildStartedEarlier() {
        // The child's service clock runs behind: by start time alone it would come first.
        Span root = span("a", null, "2026-11-22T10:15:30.000000002Z");
        Span child = span("b", "a", "2026-11-22T10:15:30.000000001Z");

        assertThat(ids(SpanOrder.parentsFirst(List.of(child, root)))).containsExactly("a", "b");
    }

    @Test
    void ordersSiblingsByStartTimeThenSpanId() {
        Span root = span("r", null, "2026-11-22T10:15:30.000000000Z");
        Span late = span("c", "r", "2026-11-22T10:15:30.000000300Z");
        Span early = span("b", "r", "2026-11-22T10:15:30.000000100Z");
        Span sameTimeSmallerId = span("a", "r", "2026-11-22T10:15:30.000000300Z");

        assertThat(ids(SpanOrder.parentsFirst(List.of(late, sameTimeSmallerId, early, root))))
                .containsExactly("r", "b", "a", "c");
    }

    @Test
    void interleavesSubtreesByStartTimeOnceTheirParentsArePlaced() {
        Span root = span("r", null, "2026-11-22T10:15:30.000000000Z");
        Span first = span("a", "r", "2026-11-22T10:15:30.100000000Z");
        Span second = span("b", "r", "2026-11-22T10:15:30.200000000Z");
        Span childOfFirstAfterSecond = span("c", "a", "2026-11-22T10:15:30.300000000Z");
        Span childOfSecondBeforeThat = span("d", "b", "2026-11-22T10:15:30.250000000Z");

        assertThat(ids(SpanOrder.parentsFirst(
                List.of(childOfFirstAfterSecond, childOfSecondBeforeThat, second, first, root))))
                .containsExactly("r", "a", "b", "d", "c");
    }

    @Test
    void keepsSpansWhoseParentIsMissingAsRoots() {
        Span orphan = span("o", "not-in-trace", "2026-11-22T10:15:29.000000000Z");
        Span root = span("r", null, "2026-11-22T10:15:30.000000000Z");
        Span child = span("c", "o", "2026-11-22T10:15:28.000000000Z");

        assertThat(ids(SpanOrder.parentsFirst(List.of(child, root, orphan)))).containsExactly("o", "c", "r");
    }

    @Test
    void keepsEverySpanOfAParentCycleBreakingItAtTheCyclesEarliestSpan() {
        Span a = span("a", "b", "2026-11-22T10:15:30.000000002Z");
        Span b = span("b", "a", "2026-11-22T10:15:30.000000001Z");
        Span childOfA = span("c", "a", "2026-11-22T10:15:30.000000000Z");
        Span selfParent = span("s", "s", "2026-11-22T10:15:31.000000000Z");

        assertThat(ids(SpanOrder.parentsFirst(List.of(a, childOfA, selfParent, b))))
                // s names itself as parent: a root. c started first but hangs below the cycle, so it stays
                // after its parent a; the cycle a <-> b is broken at b, its earliest member.
                .containsExactly("s", "b", "a", "c");
    }

    @Test
    void givesTheSameAnswerWhateverOrderStorageReturnedRowsIn() {
        List<Span> spans = new ArrayList<>();
        spans.add(span("s00", null, "2026-11-22T10:15:30.000000000Z"));
        for (int i = 1; i < 200; i++) {
            String parent = String.format("s%02d", (i - 1) / 3);
            spans.add(span(String.format("s%02d", i), parent,
                    String.format("2026-11-22T10:15:30.%09dZ", (i * 7919) % 1000)));
        }
        List<String> expected = ids(SpanOrder.parentsFirst(spans));

        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            List<Span> shuffled = new ArrayList<>(spans);
            Collections.shuffle(shuffled, random);
            List<Span> ordered = SpanOrder.parentsFirst(shuffled);
            assertThat(ids(ordered)).isEqualTo(expected);
            for (int i = 0; i < ordered.size(); i++) {
                String parent = ordered.get(i).parentSpanId();
                if (parent != null) {
                    assertThat(ids(ordered.subList(0, i))).as("parent of %s placed before it", ordered.get(i).spanId())
                            .contains(parent);
                }
            }
        }
    }

    @Test
    void answersNothingForNoSpans() {
        assertThat(SpanOrder.parentsFirst(List.of())).isEmpty();
    }
}
