/** The ingest benchmark: OTLP/HTTP span load from outside, stored spans counted in ClickHouse, against a raw insert. */
package dev.vigil.bench.ingest;
