/**
 * Vigil's storage contract: what every service that reads or writes ClickHouse shares — the schema
 * ({@link dev.vigil.store.schema}), the connection ({@link dev.vigil.store.client}), how values reach a query
 * ({@link dev.vigil.store.query}) and what a failure means ({@link dev.vigil.store.error}).
 */
package dev.vigil.store;
