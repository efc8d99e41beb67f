/**
 * Reading from ClickHouse: connection settings, the shared client, cost guards on every query, and the
 * translation of ClickHouse failures into {@link dev.vigil.query.clickhouse.StorageException}.
 */
package dev.vigil.query.clickhouse;
