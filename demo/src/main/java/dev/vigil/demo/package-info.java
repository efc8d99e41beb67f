/** The demo workload's entry point: picks a simulated scenario and sends its telemetry to Vigil over OTLP. */
package dev.vigil.demo;
