package dev.vigil.ingest.receive;

import io.quarkus.grpc.GrpcService;

/** OTLP/gRPC {@code Export} for traces. */
@GrpcService
final class TracesGrpcService extends OtlpGrpcService {
    TracesGrpcService(ExportHandler handler, ReceiveConfig config, ReceiveMeters meters) {
        super(TracesSignal.INSTANCE, handler, config, meters);
    }
}
