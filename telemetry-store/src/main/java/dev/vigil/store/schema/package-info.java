/**
 * The ClickHouse schema: the numbered SQL files under {@code clickhouse/}, the migrator that discovers and applies
 * them, and the names of the tables and views they create.
 */
package dev.vigil.store.schema;
