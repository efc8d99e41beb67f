package dev.vigil.ingest.consume;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A record bound for {@code vigil.deadletter}, and why it was set aside. */
public record DeadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
}
