/** Where ClickHouse is and how to reach it: the one {@code vigil.clickhouse} configuration, checked at start-up, and the one client. */
package dev.vigil.store.client;
