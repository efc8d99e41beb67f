/** Alert state, history and evaluation leases in PostgreSQL, and the start of rule evaluation on this replica. */
package dev.vigil.alert.state;
