package dev.vigil.alert.notify;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class GroupDecisionTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration GROUP_INTERVAL = Duration.ofMinutes(5);
    private static final Duration REPEAT = Duration.ofHours(4);

    private static GroupDecision.Member member(String key, boolean firing) {
        return new GroupDecision.Member(key, firing, new NotifiedAlert(firing ? "firing" : "resolved", 1, "r", key, 1,
                NOW.minusSeconds(60), firing ? null : NOW, Map.of("alert", key), Map.of(), "http://vigil/"));
    }

    @Test
    void notifiesANewFiringAlert() {
        GroupDecision.Decision d = GroupDecision.decide(List.of(member("1:a", true)), a -> false, Set.of(), null,
                GROUP_INTERVAL, REPEAT, NOW);

        assertThat(d.send()).isTrue();
        assertThat(d.alerts()).extracting(NotifiedAlert::fingerprint).containsExactly("1:a");
        assertThat(d.firingKeys()).containsExactly("1:a");
        assertThat(d.nextCheck()).isEqualTo(NOW.plus(GROUP_INTERVAL));
    }

    @Test
    void staysQuietWhileTheSameAlertsFireBeforeTheRepeatInterval() {
        GroupDecision.Decision d = GroupDecision.decide(List.of(member("1:a", true)), a -> false, Set.of("1:a"),
                NOW.minus(Duration.ofHours(1)), GROUP_INTERVAL, REPEAT, NOW);

        assertThat(d.send()).isFalse();
    }

    @Test
    void repeatsWhatStillFiresAfterTheRepeatInterval() {
        GroupDecision.Decision d = GroupDecision.decide(List.of(member("1:a", true)), a -> false, Set.of("1:a"),
                NOW.minus(REPEAT), GROUP_INTERVAL, REPEAT, NOW);

        assertThat(d.send()).isTrue();
        assertThat(d.alerts()).hasSize(1);
    }

    @Test
    void notifiesTheResolutionOfAnAlertItNotifiedAsFiring() {
        GroupDecision.Decision d = GroupDecision.decide(List.of(member("1:a", false), member("1:b", true)), a -> false,
                Set.of("1:a", "1:b"), NOW.minusSeconds(30), GROUP_INTERVAL, REPEAT, NOW);

        assertThat(d.send()).isTrue();
        assertThat(d.alerts()).extracting(NotifiedAlert::status).containsExactly("firing", "resolved");
        assertThat(d.firingKeys()).containsExactly("1:b");
    }

    @Test
    void saysNothingAboutTheResolutionOfAnAlertItNeverNotified() {
        GroupDecision.Decision d = GroupDecision.decide(List.of(member("1:a", false)), a -> false, Set.of(), null,
                GROUP_INTERVAL, REPEAT, NOW);

        assertThat(d.send()).isFalse();
        assertThat(d.nextCheck()).isNull();
    }

    @Test
    void leavesSilencedAlertsOutAndLooksAgainAfterTheGroupInterval() {
        GroupDecision.Decision d = GroupDecision.decide(List.of(member("1:a", true)), a -> true, Set.of(), null,
                GROUP_INTERVAL, REPEAT, NOW);

        assertThat(d.send()).isFalse();
        assertThat(d.firingKeys()).isEmpty();
        assertThat(d.nextCheck()).isEqualTo(NOW.plus(GROUP_INTERVAL));
    }
}
