/** The logs benchmark: OTLP/HTTP log load against a raw insert, and the logs API's text search at scale. */
package dev.vigil.bench.logs;
