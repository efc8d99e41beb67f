/**
 * Access to PostgreSQL over the reactive client, the one way alert-service reaches it: transactions for the
 * evaluation and notification loops that block on virtual threads, start-up work retried until PostgreSQL answers,
 * and what every store shares (row sets, constraint names, column values).
 */
package dev.vigil.alert.postgres;
