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
 *   <li>an alert of the last notification has resolved: notify it as resolved;</li>
 *   <li>the same alerts still fire, {@code repeat_interval} after the last notification: notify again;</li>
 *   <li>silenced alerts are left out, as if they did not fire.</li>
 * </ul>
 */
final class GroupDecision {

    /** A member of a group as stored: its key ({@code ruleId:fingerprint}) and whether it fires. */
    record Member(String alertKey, boolean firing, NotifiedAlert alert) {
    }

    /**
     * @param send       whether a notification goes out now
     * @param alerts     what it says: firing alerts first, then those resolved since the last one
     * @param firingKeys what counts as notified-firing afterwards
     * @param nextCheck  when to look at the group again without news; {@code null}: only when news comes
     */
    record Decision(boolean send, List<NotifiedAlert> alerts, Set<String> firingKeys, Instant nextCheck) {
    }

    private GroupDecision() {
    }

    static Decision decide(List<Member> members, Predicate<NotifiedAlert> silenced, Set<String> lastSentFiring,
                           Instant lastSentAt, Duration groupInterval, Duration repeatInterval, Instant now) {
        List<NotifiedAlert> firing = new ArrayList<>();
        List<NotifiedAlert> resolved = new ArrayList<>();
        Set<String> firingKeys = new TreeSet<>();
        boolean anyFiring = false;
        for (Member m : members) {
            if (m.firing()) {
                anyFiring = true;
                if (!silenced.test(m.alert())) {
                    firing.add(m.alert());
                    firingKeys.add(m.alertKey());
                }
            } else if (lastSentFiring.contains(m.alertKey())) {
                resolved.add(m.alert());
            }
        }
        boolean news = !lastSentFiring.containsAll(firingKeys) || !resolved.isEmpty();
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
            members.stream().filter(m -> !m.firing()).forEach(m -> keysAfter.remove(m.alertKey()));
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
