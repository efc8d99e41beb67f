package dev.vigil.ingest.receive;

import io.quarkus.grpc.GrpcService;

/** OTLP/gRPC {@code Export} for logs. */
@GrpcService
final class LogsGrpcService extends OtlpGrpcService {
    LogsGrpcService(Receiving receiving) {
        super(LogsSignal.INSTANCE, receiving);
    }
}
