/** Metrics: the catalogue of names, types, units and label keys, and time series from the exporter's metric tables. */
package dev.vigil.query.metric;
