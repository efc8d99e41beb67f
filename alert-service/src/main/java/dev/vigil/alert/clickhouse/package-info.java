/** Measures rules over the telemetry in ClickHouse (the OpenTelemetry Collector exporter's schema). */
package dev.vigil.alert.clickhouse;
