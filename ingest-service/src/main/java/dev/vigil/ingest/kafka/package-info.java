/** What the Kafka clients of the receive, persist and forward stages share beyond their configuration. */
package dev.vigil.ingest.kafka;
