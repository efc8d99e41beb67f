/**
 * PromQL, the Prometheus query language, read into a syntax tree ({@link dev.vigil.promql.Parser}) with
 * Prometheus's grammar: precedence, durations, matchers, modifiers and the error positions its parser reports.
 */
package dev.vigil.promql;
