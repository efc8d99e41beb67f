package dev.vigil.ingest.receive;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * How a failed export is answered, for every OTLP transport: the HTTP status, the gRPC code, the
 * message, and whether the client should send the data again. This is the one place that decides.
 *
 * <p>As in the Collector's OTLP receiver, a request that is wrong in itself is refused for good
 * (400, {@code INVALID_ARGUMENT}), and everything else is retryable — a receiver over its in-flight
 * bound (429, {@code RESOURCE_EXHAUSTED}) and above all a Kafka that is slow or down (503,
 * {@code UNAVAILABLE}), because the receiver answers success only for data Kafka holds. Retryable
 * answers carry {@code Retry-After} on HTTP and {@code google.rpc.RetryInfo} on gRPC: OTLP clients
 * retry {@code RESOURCE_EXHAUSTED} only when it is there.
 *
 * <p>A missing or unknown ingest token (401, {@code UNAUTHENTICATED}) and one that does not allow the signal (403,
 * {@code PERMISSION_DENIED}) are final: sending the same again cannot succeed. Not being able to verify a token
 * because PostgreSQL is away is retryable (503, {@code UNAVAILABLE}): answered 401, an OTLP exporter would drop data
 * a valid token sent, for an outage it cannot see.
 *
 * <p>A failure of the receiver's own resources while decoding (heap, stack) says nothing about the
 * request, so it is retryable too: a valid request is never answered 400 because the receiver was busy.
 */
record ExportStatus(int httpStatus, int grpcCode, String message, boolean retryable) {
    static final int GRPC_INVALID_ARGUMENT = 3;
    static final int GRPC_DEADLINE_EXCEEDED = 4;
    static final int GRPC_PERMISSION_DENIED = 7;
    static final int GRPC_RESOURCE_EXHAUSTED = 8;
    static final int GRPC_INTERNAL = 13;
    static final int GRPC_UNAVAILABLE = 14;
    static final int GRPC_UNAUTHENTICATED = 16;

    static ExportStatus of(Throwable failure) {
        Throwable cause = unwrap(failure);
        return switch (cause) {
            case UnauthenticatedException e -> new ExportStatus(401, GRPC_UNAUTHENTICATED, e.getMessage(), false);
            case PermissionDeniedException e -> new ExportStatus(403, GRPC_PERMISSION_DENIED, e.getMessage(), false);
            case TokenLookupException e -> new ExportStatus(503, GRPC_UNAVAILABLE, e.getMessage(), true);
            case InvalidExportException e -> new ExportStatus(400, GRPC_INVALID_ARGUMENT, e.getMessage(), false);
            case UnsupportedContentTypeException e -> new ExportStatus(415, GRPC_INVALID_ARGUMENT, e.getMessage(), false);
            // Sending the same body again cannot succeed; gRPC's own size check answers RESOURCE_EXHAUSTED
            // without RetryInfo, which OTLP clients also take as final.
            case RequestTooLargeException e -> new ExportStatus(413, GRPC_RESOURCE_EXHAUSTED, e.getMessage(), false);
            case OverloadedException e -> new ExportStatus(429, GRPC_RESOURCE_EXHAUSTED, e.getMessage(), true);
            case DecodeExhaustedException e -> new ExportStatus(503, GRPC_UNAVAILABLE, e.getMessage(), true);
            // The client may well send at a normal pace next time; OTLP/gRPC retries DEADLINE_EXCEEDED.
            case BodyTimeoutException e -> new ExportStatus(408, GRPC_DEADLINE_EXCEEDED, e.getMessage(), true);
            case VirtualMachineError e -> new ExportStatus(503, GRPC_UNAVAILABLE,
                    "the receiver ran short of resources, send it again later: " + describe(e), true);
            // The receiver cuts records below its own limit; a broker with a lower one is a configuration
            // mistake that sending again does not fix.
            case RecordTooLargeException e -> new ExportStatus(500, GRPC_INTERNAL,
                    "Kafka refused a record as too large; vigil.ingest.receive.max-record-bytes exceeds the broker's"
                            + " limit: " + e.getMessage(), false);
            default -> new ExportStatus(503, GRPC_UNAVAILABLE,
                    "the data could not be written to Kafka, send it again later: " + describe(cause), true);
        };
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
