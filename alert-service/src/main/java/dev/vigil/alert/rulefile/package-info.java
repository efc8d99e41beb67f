/** Prometheus rule files (groups of alerting and recording rules, in YAML) read as the alert rules Vigil can import. */
package dev.vigil.alert.rulefile;
