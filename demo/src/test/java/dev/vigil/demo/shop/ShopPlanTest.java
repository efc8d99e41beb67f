package dev.vigil.demo.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShopPlanTest {

    private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void sameSeedSamePlan() {
        assertThat(ShopPlan.generate(7, 500, START, 10)).isEqualTo(ShopPlan.generate(7, 500, START, 10));
        assertThat(ShopPlan.generate(7, 50, START, 10)).isNotEqualTo(ShopPlan.generate(8, 50, START, 10));
    }

    @Test
    void spacesRequestsByTheRateAndSendsEveryTenthToInventory() {
        List<ShopRequest> plan = ShopPlan.generate(1, 20, START, 4);

        assertThat(plan.get(1).root().startNanos() - plan.get(0).root().startNanos()).isEqualTo(250_000_000L);
        assertThat(plan.get(9).root().service()).isEqualTo(ShopPlan.INVENTORY);
        assertThat(plan.get(19).root().service()).isEqualTo(ShopPlan.INVENTORY);
        assertThat(plan.stream().filter(r -> r.root().service().equals(ShopPlan.INVENTORY))).hasSize(2);
    }

    @Test
    void nestsChildrenInsideTheirParentsAndFailsEveryAncestorOfAFailure() {
        for (ShopRequest request : ShopPlan.generate(3, 2_000, START, 100)) {
            for (PlannedSpan span : request.spans()) {
                assertThat(span.endNanos()).isGreaterThan(span.startNanos());
                for (PlannedSpan child : span.children()) {
                    assertThat(child.parentSpanId()).isEqualTo(span.spanId());
                    assertThat(child.traceId()).isEqualTo(request.traceId());
                    assertThat(child.startNanos()).isGreaterThanOrEqualTo(span.startNanos());
                    assertThat(child.endNanos()).isLessThanOrEqualTo(span.endNanos());
                    if (child.error() && child.kind() != PlannedSpan.Kind.CLIENT) {
                        assertThat(span.error()).as("parent of a failed " + child.name()).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void failsAboutAsOftenAsTheRatesSay() {
        List<ShopRequest> plan = ShopPlan.generate(11, 20_000, START, 100);

        long payments = plan.stream().flatMap(r -> r.spans().stream())
                .filter(s -> s.service().equals(ShopPlan.PAYMENT) && s.kind() == PlannedSpan.Kind.SERVER).count();
        long failedPayments = plan.stream().flatMap(r -> r.spans().stream())
                .filter(s -> s.service().equals(ShopPlan.PAYMENT) && s.kind() == PlannedSpan.Kind.SERVER && s.error())
                .count();
        assertThat((double) failedPayments / payments).isBetween(0.085, 0.115);
    }
}
