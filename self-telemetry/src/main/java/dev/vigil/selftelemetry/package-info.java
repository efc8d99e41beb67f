/** A Vigil service's own metrics, sent as OTLP to ingest-service so that Vigil shows its own health on a dashboard. */
package dev.vigil.selftelemetry;
