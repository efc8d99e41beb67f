package dev.vigil.ingest.receive;

/**
 * One Kafka record of an OTLP topic: its key, its protobuf value, and the partition it must go to, or
 * {@link #BY_KEY} to let the producer place it by its key. Either way, all data of one key (a trace, a
 * metric of a resource) lands on one partition.
 */
record OtlpRecord(byte[] key, byte[] value, int items, int partition) {
    static final int BY_KEY = -1;

    OtlpRecord(byte[] key, byte[] value, int items) {
        this(key, value, items, BY_KEY);
    }
}
