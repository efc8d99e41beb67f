/**
 * The embedded ClickHouse server: the ClickHouse engine (chDB's {@code libchdb.so}) loaded through
 * the FFM API and served over ClickHouse's HTTP protocol in a process of its own, so every service
 * and test talks to it with the official ClickHouse client, unchanged.
 */
package dev.vigil.devstack.clickhouse;
