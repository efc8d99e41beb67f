package dev.vigil.ingest.receive;

import io.quarkus.grpc.GrpcService;

/** OTLP/gRPC {@code Export} for traces. */
@GrpcService
final class TracesGrpcService extends OtlpGrpcService {
    TracesGrpcService(Receiving receiving) {
        super(TracesSignal.INSTANCE, receiving);
    }
}
