package dev.vigil.alert.condition;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a rule's alerts become when its query finds no data at all in the window (no series, or no sample):
 * an ingest stall or a service that stopped reporting, which is not the same as a condition that stopped holding.
 */
public enum NoData {
    /** Active alerts go to the {@code nodata} state, which is notified as such; the default, like Grafana's NoData. */
    NODATA,
    /** No data means the condition does not hold: firing alerts resolve, as a vanished series does. */
    OK,
    /** Alerts keep the state they have until data comes back. */
    KEEP_STATE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<NoData> byId(String id) {
        return Arrays.stream(values()).filter(n -> n.id().equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(NoData::id).toList();
    }
}
