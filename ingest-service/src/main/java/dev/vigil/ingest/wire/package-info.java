/** The protobuf wire format read in place: where OTLP's fields are in the bytes they came in, without parsing them. */
package dev.vigil.ingest.wire;
