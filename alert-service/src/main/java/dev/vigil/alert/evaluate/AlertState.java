package dev.vigil.alert.evaluate;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where an alert is in its life: Prometheus' states, plus resolved, which keeps the end of an episode visible, and
 * nodata, Grafana's state for a query that finds nothing.
 */
public enum AlertState {
    /** The condition does not hold (or stopped holding before the alert fired). */
    INACTIVE,
    /** The condition holds, for less than the rule's {@code for}. */
    PENDING,
    /** The condition has held for the rule's {@code for}; notifications go out. */
    FIRING,
    /** The alert fired and its condition no longer holds (after {@code keep_firing_for}). */
    RESOLVED,
    /** The alert was pending or firing and its rule's query found no data at all since: not known to hold or not. */
    NODATA;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AlertState byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown alert state " + id));
    }
}
