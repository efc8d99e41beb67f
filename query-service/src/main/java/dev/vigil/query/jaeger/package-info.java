/** The Jaeger query API (the JSON the Jaeger UI and Grafana's Jaeger data source read), over Vigil's store. */
package dev.vigil.query.jaeger;
