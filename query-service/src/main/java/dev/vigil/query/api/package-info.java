/**
 * What every query endpoint shares: parameter and time-range parsing, the query configuration, and how a failed
 * ClickHouse read is answered in the error body of every Vigil API (http-errors).
 */
package dev.vigil.query.api;
