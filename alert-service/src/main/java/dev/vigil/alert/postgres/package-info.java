/** Blocking access to PostgreSQL over the reactive client, for the evaluation and notification loops that run on virtual threads. */
package dev.vigil.alert.postgres;
