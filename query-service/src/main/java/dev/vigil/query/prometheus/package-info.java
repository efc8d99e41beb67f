/**
 * Prometheus's HTTP API over Vigil's metrics, under {@code /prometheus}: OpenTelemetry metrics read with the names
 * and labels the OpenTelemetry Prometheus exporter gives them, queried with PromQL ({@link dev.vigil.promql}).
 */
package dev.vigil.query.prometheus;
