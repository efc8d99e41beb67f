package dev.vigil.ingest.receive;

import io.quarkus.grpc.GrpcService;

/** OTLP/gRPC {@code Export} for metrics. */
@GrpcService
final class MetricsGrpcService extends OtlpGrpcService {
    MetricsGrpcService(Receiving receiving) {
        super(MetricsSignal.INSTANCE, receiving);
    }
}
