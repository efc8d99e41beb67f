/** The PostgreSQL schema of alert-service: Flyway migrations applied over JDBC at start-up. */
package dev.vigil.alert.schema;
