/** Vigil's Prometheus API and PromQL engine checked against a real Prometheus holding the same samples. */
package dev.vigil.system.prometheus;
