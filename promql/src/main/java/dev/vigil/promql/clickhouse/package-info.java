/**
 * Vigil's stored OpenTelemetry metrics read from ClickHouse as Prometheus series, named as the OpenTelemetry
 * Prometheus exporter names them: the sample source of every PromQL evaluation.
 */
package dev.vigil.promql.clickhouse;
