package dev.vigil.ingest.receive;

import io.vertx.core.Vertx;
import jakarta.inject.Singleton;

/**
 * What every OTLP/gRPC service shares: the handler, the admission budget, the ingest token gate, the timer source,
 * config and meters.
 */
@Singleton
record Receiving(ExportHandler handler, RequestAdmission admission, IngestTokenGate gate, Vertx vertx,
        ReceiveConfig config, ReceiveMeters meters) {
}
