package dev.vigil.ingest.receive;

/** One Kafka record of an OTLP topic: its key (what keeps related data on one partition) and its protobuf value. */
record OtlpRecord(byte[] key, byte[] value, int items) {
}
