package dev.vigil.contracts;

/** Kafka record header keys. Values are UTF-8 strings. */
public final class Headers {
    /** The tenant the data belongs to; {@code default} on a single-tenant installation. */
    public static final String TENANT = "vigil-tenant";
    /** When the receiver accepted the request, epoch nanoseconds as a decimal string. */
    public static final String RECEIVED_AT = "vigil-received-at";
    /** The name of the pipeline that routed the record. */
    public static final String PIPELINE = "vigil-pipeline";
    /**
     * {@code true} when the persist stage stores the record, {@code false} when its pipeline only
     * forwards it. A record without this header is stored.
     */
    public static final String STORE = "vigil-store";
    /** The names of the external OTLP outputs the record goes to, comma-separated; absent when none. */
    public static final String FORWARD = "vigil-forward";
    /** Why the persist stage sent a record to the dead-letter topic. */
    public static final String DEADLETTER_REASON = "vigil-deadletter-reason";
    /** The topic a dead-lettered record came from. */
    public static final String DEADLETTER_SOURCE_TOPIC = "vigil-deadletter-source-topic";

    private Headers() {
    }
}
