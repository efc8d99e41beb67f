/** The metrics benchmark: OTLP/HTTP metric load, stored data points counted in ClickHouse, against a raw insert. */
package dev.vigil.bench.metrics;
