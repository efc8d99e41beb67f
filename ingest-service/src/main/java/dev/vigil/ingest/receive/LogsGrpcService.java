package dev.vigil.ingest.receive;

import io.quarkus.grpc.GrpcService;

/** OTLP/gRPC {@code Export} for logs. */
@GrpcService
final class LogsGrpcService extends OtlpGrpcService {
    LogsGrpcService(ExportHandler handler, ReceiveConfig config, ReceiveMeters meters) {
        super(LogsSignal.INSTANCE, handler, config, meters);
    }
}
