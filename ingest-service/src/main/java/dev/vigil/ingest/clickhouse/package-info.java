/** Writes to ClickHouse: the RowBinary writers of the otel_* tables (the schema and the connection are telemetry-store's). */
package dev.vigil.ingest.clickhouse;
