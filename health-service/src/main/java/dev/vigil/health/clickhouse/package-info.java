/** The connection to ClickHouse, where the ingested resource metrics are stored. */
package dev.vigil.health.clickhouse;
