package dev.vigil.access.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IngestGrantTest {

    @Test
    void aGrantOfEverythingAllowsEverySignalAndEveryPipeline() {
        IngestGrant grant = IngestGrant.everything("all");

        assertThat(IngestGrant.SIGNALS).allMatch(grant::allowsSignal);
        assertThat(grant.pipelinesOf(List.of("default", "audit"))).containsExactly("default", "audit");
    }

    @Test
    void aGrantOfSomeSignalsAllowsOnlyThose() {
        IngestGrant grant = new IngestGrant("metrics only", Set.of("metrics"), Optional.empty());

        assertThat(grant.allowsSignal("metrics")).isTrue();
        assertThat(grant.allowsSignal("traces")).isFalse();
        assertThat(grant.allowsSignal("logs")).isFalse();
    }

    @Test
    void aGrantLimitedToPipelinesKeepsOnlyThoseOfTheSignalsPipelines() {
        IngestGrant grant = new IngestGrant("shop", Set.of("traces"), Optional.of(Set.of("shop", "billing")));

        assertThat(grant.pipelinesOf(List.of("default", "shop", "archive", "billing"))).containsExactly("shop", "billing");
        assertThat(grant.allowsPipeline("default")).isFalse();
    }

    @Test
    void aGrantLimitedToPipelinesTheSignalDoesNotHaveAllowsNone() {
        IngestGrant grant = new IngestGrant("shop", Set.of("traces"), Optional.of(Set.of("shop")));

        assertThat(grant.pipelinesOf(List.of("default"))).isEmpty();
        assertThat(grant.pipelinesOf(List.of())).isEmpty();
    }
}
