/** Talks to ClickHouse: connection settings, the numbered schema migrations, and the RowBinary writers of the otel_* tables. */
package dev.vigil.ingest.clickhouse;
