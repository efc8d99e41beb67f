/** Gives any module's tests the real Kafka, PostgreSQL and ClickHouse, started once per test JVM. */
package dev.vigil.devstack.testing;
