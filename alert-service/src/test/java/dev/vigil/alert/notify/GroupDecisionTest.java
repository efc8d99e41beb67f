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
        return member(key, firing ? "firing" : "resolved");
    }

    private static GroupDecision.Member member(String key, String state) {
        return new GroupDecision.Member(key, state, new NotifiedAlert(state, 1, "r", key, 1, NOW.minusSeconds(60),
                state.equals("resolved") ? NOW : null, Map.of("alert", key), Map.of(), "http://vigil/"));
    }

    @Test
    void notifiesANewFiringAlert() {
        GroupDecision.Decision d = GroupDecision.decide(List.of(member("1:a", true)), a -> false, Set.of(), Set.of(), null,
                GROUP_INTERVAL, REPEAT, NOW);

        assertThat(d.send()).isTrue();
        assertThat(d.alerts()).extracting(NotifiedAlert::fingerprint).containsExactly("1:a");
        assertThat(d.firingKeys()).containsExactly("1:a");
        assertThat(d.nextCheck()).isEqualTo(NOW.plus(GROUP_INTERVAL));
    }

    @Test
    void staysQuietWhileTheSameAlertsFireBeforeTheRepeatInterval() {
        GroupDecision.Decision d = GroupDecision.decide(List.of(member("1:a", true)), a -> false, Set.of("1:a"), Set.of(),
                NOW.minus(Duration.ofHours(1)), GROUP_INTERVAL, REPEAT, NOW);

        assertThat(d.send()).isFalse();
    }

    @Test
    void repeatsWhatStillFiresAfterTheRepeatInterval() {
        GroupDecision.Decision d = GroupDecision.decide(List.of(member("1:a", true)), a -> false, Set.of("1:a"), Set.of(),
                NOW.minus(REPEAT), GROUP_INTERVAL, REPEAT, NOW);

        assertThat(d.send()).isTrue();
        assertThat(d.alerts()).hasSize(1);
    }

    @Test
    void notifiesTheResolutionOfAnAlertItNotifiedAsFiring() {
        GroupDecision.Decision d = GroupDecision.decide(List.of(member("1:a", false), member("1:b", true)), a -> false,
                Set.of("1:a", "1:b"), Set.of(), NOW.minusSeconds(30), GROUP_INTERVAL, REPEAT, NOW);

        assertThat(d.send()).isTrue();
        assertThat(d.alerts()).extracting(NotifiedAlert::status).containsExactly("firing", "resolved");
        assertThat(d.firingKeys()).containsExactly("1:b");
    }

    @Test
    void saysNothingAboutTheResolutionOfAnAlertItNeverNotified() {
        GroupDecision.Decision d = GroupDecision.decide(List.of(member("1:a", false)), a -> false, Set.of(), Set.of(), null,
                GROUP_INTERVAL, REPEAT, NOW);

        assertThat(d.send()).isFalse();
        assertThat(d.nextCheck()).isNull();
    }

    @Test
    void leavesSilencedAlertsOutAndLooksAgainAfterTheGroupInterval() {
        GroupDecision.Decision d = GroupDecision.decide(List.of(member("1:a", true)), a -> true, Set.of(), Set.of(), null,
                GROUP_INTERVAL, REPEAT, NOW);

        assertThat(d.send()).isFalse();
        assertThat(d.firingKeys()).isEmpty();
        assertThat(d.nextCheck()).isEqualTo(NOW.plus(GROUP_INTERVAL));
    }

    @Test
    void notifiesAFiringAlertGoingToNodataAndBackToFiring() {
        GroupDecision.Decision toNodata = GroupDecision.decide(List.of(member("1:a", "nodata")), a -> false,
                Set.of("1:a"), Set.of("1:a"), NOW.minusSeconds(30), GROUP_INTERVAL, REPEAT, NOW);
        assertThat(toNodata.send()).isTrue();
        assertThat(toNodata.alerts()).extracting(NotifiedAlert::status).containsExactly("nodata");
        assertThat(toNodata.firingKeys()).containsExactly("1:a#nodata");

        GroupDecision.Decision stillNodata = GroupDecision.decide(List.of(member("1:a", "nodata")), a -> false,
                toNodata.firingKeys(), toNodata.firingKeys(), NOW, GROUP_INTERVAL, REPEAT, NOW.plusSeconds(60));
        assertThat(stillNodata.send()).isFalse();

        GroupDecision.Decision back = GroupDecision.decide(List.of(member("1:a", "firing")), a -> false,
                toNodata.firingKeys(), toNodata.firingKeys(), NOW, GROUP_INTERVAL, REPEAT, NOW.plusSeconds(90));
        assertThat(back.send()).isTrue();
        assertThat(back.alerts()).extracting(NotifiedAlert::status).containsExactly("firing");
    }

    @Test
    void notifiesTheResolutionOfANodataAlert() {
        GroupDecision.Decision d = GroupDecision.decide(List.of(member("1:a", "resolved")), a -> false,
                Set.of("1:a#nodata"), Set.of("1:a#nodata"), NOW.minusSeconds(30), GROUP_INTERVAL, REPEAT, NOW);

        assertThat(d.send()).isTrue();
        assertThat(d.alerts()).extracting(NotifiedAlert::status).containsExactly("resolved");
        assertThat(d.firingKeys()).isEmpty();
    }

    @Test
    void aNotificationSupersedingAnUndeliveredResolutionSaysItAgain() {
        // 1:a was delivered as firing; the notification of its resolution is not delivered; now 1:b fires.
        GroupDecision.Decision d = GroupDecision.decide(List.of(member("1:a", false), member("1:b", true)), a -> false,
                Set.of(), Set.of("1:a"), NOW.minusSeconds(30), GROUP_INTERVAL, REPEAT, NOW);

        assertThat(d.send()).isTrue();
        assertThat(d.alerts()).extracting(NotifiedAlert::fingerprint).containsExactly("1:b", "1:a");
        assertThat(d.alerts()).extracting(NotifiedAlert::status).containsExactly("firing", "resolved");
    }

    @Test
    void anUndeliveredResolutionAloneIsNoNewsSoAPermanentFailureIsNotRepeatedEachInterval() {
        GroupDecision.Decision d = GroupDecision.decide(List.of(member("1:a", false)), a -> false, Set.of(),
                Set.of("1:a"), NOW.minusSeconds(30), GROUP_INTERVAL, REPEAT, NOW);

        assertThat(d.send()).isFalse();
    }
}
