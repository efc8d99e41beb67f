/**
 * Reading from ClickHouse: cost guards on every query over the service's one client, and the translation of
 * ClickHouse failures into {@link dev.vigil.query.clickhouse.StorageException}. Connection settings, the client and
 * the classification of failures are telemetry-store's.
 */
package dev.vigil.query.clickhouse;
