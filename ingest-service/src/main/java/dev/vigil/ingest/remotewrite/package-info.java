/**
 * Prometheus remote write 1.0: a snappy-compressed {@code WriteRequest} read ({@link WriteRequestReader}) and
 * made an OTLP metrics export ({@link OtlpTranslation}), so remote-written samples take the OTLP path into Kafka and
 * ClickHouse with the same promise.
 */
package dev.vigil.ingest.remotewrite;
