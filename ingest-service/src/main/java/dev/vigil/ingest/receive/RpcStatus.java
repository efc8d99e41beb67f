package dev.vigil.ingest.receive;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.rpc.RetryInfo;
import com.google.rpc.Status;

/**
 * The {@code google.rpc.Status} of a refusal, the same on both transports: the body of an OTLP/HTTP
 * error and the details of a gRPC one. A retryable refusal carries {@code RetryInfo} with the delay
 * that {@code Retry-After} also states.
 */
final class RpcStatus {
    private RpcStatus() {
    }

    static Status of(ExportStatus status, java.time.Duration retryAfter) {
        Status.Builder rpc = Status.newBuilder().setCode(status.grpcCode()).setMessage(status.message());
        if (status.retryable()) {
            rpc.addDetails(Any.pack(RetryInfo.newBuilder()
                    .setRetryDelay(Duration.newBuilder().setSeconds(retryAfter.toSeconds())
                            .setNanos(retryAfter.toNanosPart()))
                    .build()));
        }
        return rpc.build();
    }
}
