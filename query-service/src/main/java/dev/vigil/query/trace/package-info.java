/** Trace read API: fetches one trace's spans from ClickHouse and returns them parents first. */
package dev.vigil.query.trace;
