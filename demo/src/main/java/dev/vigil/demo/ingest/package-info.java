/** What ingest-service asks of the demo's OTLP clients: the ingest token they send, and telling when it was refused. */
package dev.vigil.demo.ingest;
