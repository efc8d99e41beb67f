package dev.vigil.contracts;

/**
 * Kafka consumer groups of the Vigil bus, named here because one service reads another's: health-service reports the
 * lag of ingest-service's persist groups.
 */
public final class ConsumerGroups {
    /** The persist stage's groups are this plus the signal's id: {@code vigil-persist-traces}, {@code -metrics}, {@code -logs}. */
    public static final String PERSIST_PREFIX = "vigil-persist-";
    /** A forwarding output's group is this plus the output's name. */
    public static final String FORWARD_PREFIX = "vigil-forward-";
    /** alert-service's replicas share this group on {@link Topics#ALERTS}. */
    public static final String ALERT_NOTIFY = "vigil-alert-notify";

    private ConsumerGroups() {
    }

    /** The persist stage's group of a signal, under the default prefix. */
    public static String persist(Signal signal) {
        return PERSIST_PREFIX + signal.id();
    }
}
