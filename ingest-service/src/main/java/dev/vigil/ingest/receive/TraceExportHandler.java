package dev.vigil.ingest.receive;

import dev.vigil.contracts.Headers;
import dev.vigil.contracts.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Handles one OTLP trace export, whatever transport it came by: cuts it into per-trace records,
 * publishes them, and answers once Kafka holds them. Spans that fit in no record are reported as a
 * partial success; the rest are stored.
 */
@Singleton
final class TraceExportHandler {
    private final OtlpPublisher publisher;
    private final ReceiveConfig config;
    private final byte[] tenant;
    private final Counter accepted;
    private final Counter refusedTooLarge;
    private final Counter refusedUnavailable;

    TraceExportHandler(OtlpPublisher publisher, ReceiveConfig config, MeterRegistry registry) {
        this.publisher = publisher;
        this.config = config;
        this.tenant = config.tenant().getBytes(StandardCharsets.UTF_8);
        this.accepted = Counter.builder("vigil.ingest.spans.accepted").tag("signal", "traces")
                .description("Spans Kafka acknowledged").register(registry);
        this.refusedTooLarge = refused(registry, "too_large");
        this.refusedUnavailable = refused(registry, "kafka_unavailable");
    }

    private static Counter refused(MeterRegistry registry, String reason) {
        return Counter.builder("vigil.ingest.spans.rejected").tag("signal", "traces").tag("reason", reason)
                .description("Spans of well-formed requests that were not accepted").register(registry);
    }

    CompletionStage<ExportTraceServiceResponse> export(ExportTraceServiceRequest request) {
        int spans = spanCount(request);
        if (spans == 0) {
            return CompletableFuture.completedFuture(ExportTraceServiceResponse.getDefaultInstance());
        }
        TraceSplitter.Split split = TraceSplitter.split(request, config.maxRecordBytes());
        ExportTraceServiceResponse response = response(split);
        refusedTooLarge.increment(split.refusedSpans());
        int publishing = spans - split.refusedSpans();
        return publisher.publish(Topics.OTLP_TRACES, split.records(), headers())
                .toCompletableFuture()
                // A safety net behind the producer's own delivery timeout, which normally fires first.
                .orTimeout(config.publishTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS)
                .whenComplete((ok, failure) -> (failure == null ? accepted : refusedUnavailable).increment(publishing))
                .thenApply(ok -> response);
    }

    private static ExportTraceServiceResponse response(TraceSplitter.Split split) {
        if (split.refusedSpans() == 0) {
            return ExportTraceServiceResponse.getDefaultInstance();
        }
        return ExportTraceServiceResponse.newBuilder()
                .setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                        .setRejectedSpans(split.refusedSpans())
                        .setErrorMessage(split.refusal()))
                .build();
    }

    private List<Header> headers() {
        Instant now = Instant.now();
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        return List.of(
                new RecordHeader(Headers.TENANT, tenant),
                new RecordHeader(Headers.RECEIVED_AT, Long.toString(nanos).getBytes(StandardCharsets.US_ASCII)));
    }

    private static int spanCount(ExportTraceServiceRequest request) {
        int spans = 0;
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                spans += scopeSpans.getSpansCount();
            }
        }
        return spans;
    }
}
