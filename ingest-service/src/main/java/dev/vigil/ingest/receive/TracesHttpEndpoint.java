package dev.vigil.ingest.receive;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * OTLP/HTTP for traces: {@code POST /v1/traces} with a protobuf {@code ExportTraceServiceRequest}.
 * Answers 200 with an {@code ExportTraceServiceResponse} once Kafka holds the data; a refusal carries
 * a {@code google.rpc.Status} body, and {@code Retry-After} when sending again may succeed.
 */
@Path("/v1/traces")
final class TracesHttpEndpoint {
    static final String PROTOBUF = "application/x-protobuf";

    private final TraceExportHandler handler;
    private final ReceiveConfig config;
    private final MeterRegistry registry;

    TracesHttpEndpoint(TraceExportHandler handler, ReceiveConfig config, MeterRegistry registry) {
        this.handler = handler;
        this.config = config;
        this.registry = registry;
    }

    // Any content type is let in so that the refusal of one this endpoint does not read is an OTLP answer too.
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(PROTOBUF)
    public Uni<Response> export(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        if (!config.enabled()) {
            return Uni.createFrom().item(Response.status(Response.Status.NOT_FOUND).build());
        }
        ExportTraceServiceRequest request;
        try {
            request = decode(contentType, body);
        } catch (InvalidExportException | UnsupportedContentTypeException e) {
            return Uni.createFrom().item(refusal(e));
        }
        // Kafka completes the export on its own I/O thread; the answer is written back on this request's context.
        Context context = Vertx.currentContext();
        return Uni.createFrom().completionStage(() -> handler.export(request))
                .emitOn(runnable -> context.runOnContext(ignored -> runnable.run()))
                .map(response -> Response.ok(response.toByteArray(), PROTOBUF).build())
                .onFailure().recoverWithItem(this::refusal);
    }

    /** The one switch over body encodings; OTLP/JSON joins it here. */
    private static ExportTraceServiceRequest decode(String contentType, byte[] body) {
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase();
        if (PROTOBUF.equals(mediaType)) {
            return TraceRequestDecoder.protobuf(body);
        }
        throw new UnsupportedContentTypeException("Content-Type " + (contentType == null ? "(none)" : "'" + contentType
                + "'") + " is not supported; send " + PROTOBUF);
    }

    private Response refusal(Throwable failure) {
        ExportStatus status = ExportStatus.of(failure);
        registry.counter("vigil.ingest.requests.refused", "signal", "traces",
                "status", Integer.toString(status.httpStatus())).increment();
        Response.ResponseBuilder answer = Response.status(status.httpStatus())
                .entity(RpcStatus.encode(status.grpcCode(), status.message()))
                .type(PROTOBUF);
        if (status.retryable()) {
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(config.retryAfter().toSeconds()));
        }
        return answer.build();
    }
}
