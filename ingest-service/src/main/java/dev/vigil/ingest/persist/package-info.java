/** Consumes OTLP from the Kafka bus and stores it in ClickHouse, committing offsets only after ClickHouse confirmed each batch. */
package dev.vigil.ingest.persist;
