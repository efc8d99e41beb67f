package dev.vigil.alert.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Whether an alert group is notified now, and what about: Alertmanager's rules, over the group's members
 * as stored. Pure.
 *
 * <ul>
 *   <li>a firing alert not in the last notification: notify;</li>
 *   <li>an alert whose rule found no data (nodata) is notified like a firing one, as nodata: going from firing to
 *       nodata and back is news each time;</li>
 *   <li>an alert of the last notification has resolved: notify it as resolved;</li>
 *   <li>the same alerts still fire, {@code repeat_interval} after the last notification: notify again;</li>
 *   <li>silenced alerts are left out, as if they did not fire.</li>
 * </ul>
 * A notification is decided on before it is delivered, and a newer one supersedes it if it is not delivered yet: so
 * a notification tells, besides what changed since the last one decided on, every resolution the channel has not
 * accepted yet.
 */
final class GroupDecision {

    /** What a nodata alert counts as in the notified sets, so that firing and nodata are told apart. */
    static final String NODATA_SUFFIX = "#nodata";

    /** A member of a group as stored: its key ({@code ruleId:fingerprint}), its state, and how it is notified. */
    record Member(String alertKey, String state, NotifiedAlert alert) {

        /** Firing or nodata: wants someone's attention. */
        boolean attention() {
            return state.equals("firing") || state.equals("nodata");
        }

        /** The key this member has in the notified sets. */
        String notifiedKey() {
            return state.equals("nodata") ? alertKey + NODATA_SUFFIX : alertKey;
        }

        boolean in(Set<String> notified) {
            return notified.contains(alertKey) || notified.contains(alertKey + NODATA_SUFFIX);
        }
    }

    /**
     * @param send       whether a notification goes out now
     * @param alerts     what it says: firing and nodata alerts first, then resolved ones
     * @param firingKeys what counts as notified-firing afterwards
     * @param nextCheck  when to look at the group again without news; {@code null}: only when news comes
     */
    record Decision(boolean send, List<NotifiedAlert> alerts, Set<String> firingKeys, Instant nextCheck) {
    }

    private GroupDecision() {
    }

    /**
     * @param lastSentFiring  the firing (and nodata) alerts of the newest notification decided on
     * @param deliveredFiring those of the newest notification the channel accepted
     * @param lastSentAt      when the newest notification was decided on
     */
    static Decision decide(List<Member> members, Predicate<NotifiedAlert> silenced, Set<String> lastSentFiring,
                           Set<String> deliveredFiring, Instant lastSentAt, Duration groupInterval,
                           Duration repeatInterval, Instant now) {
        List<NotifiedAlert> firing = new ArrayList<>();
        List<NotifiedAlert> resolved = new ArrayList<>();
        Set<String> firingKeys = new TreeSet<>();
        boolean anyFiring = false;
        boolean resolvedNews = false;
        for (Member m : members) {
            if (m.attention()) {
                anyFiring = true;
                if (!silenced.test(m.alert())) {
                    firing.add(m.alert());
                    firingKeys.add(m.notifiedKey());
                }
            } else if (m.in(lastSentFiring)) {
                resolved.add(m.alert());
                resolvedNews = true;
            } else if (m.in(deliveredFiring)) {
                // The channel was told it fires, and the notification telling it resolved is not delivered:
                // whatever goes out next says it again.
                resolved.add(m.alert());
            }
        }
        boolean news = !lastSentFiring.containsAll(firingKeys) || resolvedNews;
        boolean repeat = !firing.isEmpty() && lastSentAt != null && !now.isBefore(lastSentAt.plus(repeatInterval));
        boolean send = news || repeat;

        Set<String> keysAfter;
        Instant sentAt;
        if (send) {
            keysAfter = firingKeys;
            sentAt = now;
        } else {
            // Nothing goes out: forget alerts that stopped firing unnotified (silenced, then resolved).
            keysAfter = new TreeSet<>(lastSentFiring);
            members.stream().filter(m -> !m.attention())
                    .forEach(m -> keysAfter.removeAll(Set.of(m.alertKey(), m.alertKey() + NODATA_SUFFIX)));
            sentAt = lastSentAt;
        }
        Instant nextCheck = null;
        if (anyFiring) {
            // Firing alerts are re-sent after repeat_interval; silenced ones are looked at again each
            // group_interval, to notify them once their silence ends.
            nextCheck = now.plus(groupInterval);
            if (sentAt != null && !keysAfter.isEmpty() && sentAt.plus(repeatInterval).isBefore(nextCheck)) {
                nextCheck = sentAt.plus(repeatInterval);
            }
        }
        List<NotifiedAlert> alerts = new ArrayList<>(firing);
        alerts.addAll(resolved);
        return new Decision(send, alerts, keysAfter, nextCheck);
    }
}
