/** Receives OTLP over HTTP, validates it and publishes it to the Kafka bus, answering success only once Kafka acknowledged it. */
package dev.vigil.ingest.receive;
