/**
 * Receives OTLP traces, metrics and logs over gRPC and HTTP, validates them, runs them through the
 * pipelines and publishes them to the Kafka bus, answering success only once Kafka acknowledged them.
 */
package dev.vigil.ingest.receive;
