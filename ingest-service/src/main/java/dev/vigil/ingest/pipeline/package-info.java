/**
 * Pipelines: per signal, named, from a YAML file; each keeps or drops telemetry by namespace, workload,
 * service and attributes, drops or redacts attributes, and routes what it keeps to Vigil's storage
 * and/or external OTLP endpoints.
 */
package dev.vigil.ingest.pipeline;
