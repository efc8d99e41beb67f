/**
 * Forwarding: per external output that pipelines name, a consumer loop that sends the records routed
 * to it as OTLP/HTTP protobuf, retrying while the endpoint is unreachable and committing only what the
 * endpoint accepted.
 */
package dev.vigil.ingest.forward;
