package dev.vigil.ingest.receive;

import com.google.protobuf.Message;
import dev.vigil.contracts.Headers;
import dev.vigil.ingest.pipeline.PipelineRouter;
import dev.vigil.ingest.pipeline.Routed;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Handles one OTLP export of any signal, whatever transport it came by: decodes and checks it, runs it
 * through the signal's pipelines, cuts each pipeline's result into records, publishes them, and answers
 * once Kafka acknowledged every record of every pipeline. Items that fit in no record are reported
 * as a partial success; the rest are stored.
 *
 * <p>The work runs on a worker thread: decoding a large body takes a while, and {@code send} blocks
 * while the producer waits for metadata. At most {@code admission.max-concurrent-decodes} requests are
 * decoded, routed and cut into records at once — the phase in which a request's memory multiplies —
 * and the others wait in line for a slot without holding a thread ({@link RequestAdmission} keeps the
 * line short, so an admitted request is not refused while it waits). Running out of heap or stack in
 * that phase is answered retryably and counted; it is caught nowhere else.
 */
@Singleton
final class ExportHandler {
    private final ExportDecoder decoder;
    private final PipelineRouter router;
    private final OtlpPublisher publisher;
    private final ReceiveConfig config;
    private final ReceiveMeters meters;
    private final InFlightBytes inFlight;
    private final RequestAdmission admission;
    private final byte[] tenant;
    private final Executor worker;

    @Inject
    ExportHandler(PipelineRouter router, OtlpPublisher publisher, ReceiveConfig config, ReceiveMeters meters,
            RequestAdmission admission) {
        this(router, publisher, config, meters, admission, Infrastructure.getDefaultWorkerPool());
    }

    ExportHandler(PipelineRouter router, OtlpPublisher publisher, ReceiveConfig config, ReceiveMeters meters,
            RequestAdmission admission, Executor worker) {
        this.decoder = new ExportDecoder(config.maxAttributeDepth());
        this.router = router;
        this.publisher = publisher;
        this.config = config;
        this.meters = meters;
        this.inFlight = new InFlightBytes(config.maxInFlightBytes());
        this.admission = admission;
        this.tenant = config.tenant().getBytes(StandardCharsets.UTF_8);
        this.worker = worker;
        meters.inFlight(inFlight);
    }

    /**
     * Completes with the signal's response, or fails with what {@link ExportStatus} maps to an answer. The export
     * takes only those of the signal's pipelines that {@code pipelines} accepts (what its ingest token allows).
     */
    <R extends Message> CompletionStage<Message> export(OtlpSignal<R> signal, Encoding encoding, String transport,
            Predicate<String> pipelines, byte[] body) {
        return export(signal, encoding, transport, pipelines, () -> body);
    }

    /** As above, with the body made on the worker thread too (decompressed, say), once a decode slot is free. */
    <R extends Message> CompletionStage<Message> export(OtlpSignal<R> signal, Encoding encoding, String transport,
            Predicate<String> pipelines, Supplier<byte[]> body) {
        long queued = System.nanoTime();
        CompletableFuture<DecodeSlots.Slot> slot = admission.decodeSlot();
        CompletableFuture<Message> answer = slot.thenApplyAsync(acquired -> {
            long started = System.nanoTime();
            meters.decodeWait(transport, started - queued);
            try {
                byte[] bytes = body.get();
                R request = decoder.decode(signal, encoding, bytes);
                return export(signal, request, encoding == Encoding.PROTOBUF ? bytes : null, pipelines)
                        .toCompletableFuture();
            } catch (OutOfMemoryError | StackOverflowError e) {
                meters.decodeExhausted(signal.signal(), e);
                return CompletableFuture.<Message>failedFuture(new DecodeExhaustedException("the receiver ran out of "
                        + (e instanceof OutOfMemoryError ? "memory" : "stack") + " decoding the request; it was not"
                        + " stored, send it again later", e));
            } catch (RuntimeException e) {
                return CompletableFuture.<Message>failedFuture(e);
            } finally {
                acquired.release();
                meters.decoded(encoding, System.nanoTime() - started);
            }
        }, worker).thenCompose(published -> published);
        // Should the worker pool refuse the task, the slot still goes back once the answer is known.
        return answer.whenComplete((ok, failure) -> slot.thenAccept(DecodeSlots.Slot::release));
    }

    /** Call from a worker thread: publishing may block while the producer waits for Kafka's metadata. */
    <R extends Message> CompletionStage<Message> export(OtlpSignal<R> signal, R request, Predicate<String> pipelines) {
        return export(signal, request, null, pipelines);
    }

    /** As above, with the protobuf body {@code request} was parsed from, if it was (else null). */
    private <R extends Message> CompletionStage<Message> export(OtlpSignal<R> signal, R request, byte[] body,
            Predicate<String> pipelines) {
        int items = signal.items(request);
        try {
            decoder.check(signal, request);
        } catch (InvalidExportException e) {
            meters.rejected(signal.signal(), ReceiveMeters.Reason.INVALID, items);
            return CompletableFuture.failedFuture(e);
        }
        if (items == 0) {
            return CompletableFuture.completedFuture(signal.response(0, ""));
        }
        List<Routed<R>> routes = router.route(signal.signal(), request, items, pipelines);
        int partitions = routes.isEmpty() ? 0 : publisher.partitions(signal.signal().topic());
        List<RecordSplitter.Split> splits = new ArrayList<>(routes.size());
        long bytes = 0;
        int refused = 0;
        String refusal = "";
        ReceivedItems received = null;
        for (Routed<R> route : routes) {
            // A pipeline that changed nothing passes the request itself on: its items are still the body's.
            ReceivedItems itemsAsReceived = null;
            if (body != null && route.request() == request) {
                received = received != null ? received : ReceivedItems.of(body);
                itemsAsReceived = received;
            }
            RecordSplitter.Split split = RecordSplitter.split(signal, route.request(), itemsAsReceived,
                    config.maxRecordBytes(), partitions);
            splits.add(split);
            bytes += split.bytes();
            // An item too large for a record is too large in every pipeline that keeps it.
            if (split.refusedItems() > refused) {
                refused = split.refusedItems();
                refusal = split.refusal();
            }
        }
        if (!inFlight.tryAcquire(bytes)) {
            meters.rejected(signal.signal(), ReceiveMeters.Reason.OVERLOADED, items);
            return CompletableFuture.failedFuture(new OverloadedException("the receiver has "
                    + inFlight.current() + " bytes waiting for Kafka, the most vigil.ingest.receive.max-in-flight-bytes"
                    + " allows is " + inFlight.max() + "; send it again later"));
        }
        long acquired = bytes;
        int rejected = Math.min(refused, items);
        Message response = signal.response(rejected, refusal);
        meters.rejected(signal.signal(), ReceiveMeters.Reason.TOO_LARGE, rejected);
        List<CompletableFuture<Void>> acknowledgements = new ArrayList<>(routes.size());
        long receivedAt = nanos(Instant.now());
        long publishStart = System.nanoTime();
        try {
            for (int i = 0; i < routes.size(); i++) {
                acknowledgements.add(publisher.publish(signal.signal().topic(), splits.get(i).records(),
                        headers(routes.get(i), receivedAt)).toCompletableFuture());
            }
        } catch (RuntimeException | Error e) {
            // Out of heap between two sends, say: the bytes would otherwise stay counted for good. Records
            // already handed to the producer may still arrive; the client is told to retry either way.
            CompletableFuture.allOf(acknowledgements.toArray(CompletableFuture[]::new))
                    .whenComplete((ok, failure) -> inFlight.release(acquired));
            throw e;
        }
        return CompletableFuture.allOf(acknowledgements.toArray(CompletableFuture[]::new))
                // A safety net behind the producer's own delivery timeout, which normally fires first.
                .orTimeout(config.publishTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS)
                .whenComplete((ok, failure) -> {
                    inFlight.release(acquired);
                    meters.published(signal.signal(), System.nanoTime() - publishStart, failure == null);
                    if (failure == null) {
                        meters.accepted(signal.signal(), items - rejected);
                    } else {
                        meters.rejected(signal.signal(), ReceiveMeters.Reason.KAFKA_UNAVAILABLE, items - rejected);
                    }
                })
                .thenApply(ok -> response);
    }

    private List<Header> headers(Routed<?> route, long receivedAt) {
        List<Header> headers = new ArrayList<>(5);
        headers.add(new RecordHeader(Headers.TENANT, tenant));
        headers.add(new RecordHeader(Headers.RECEIVED_AT, Long.toString(receivedAt).getBytes(StandardCharsets.US_ASCII)));
        headers.add(new RecordHeader(Headers.PIPELINE, route.pipeline().getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader(Headers.STORE, Boolean.toString(route.store()).getBytes(StandardCharsets.US_ASCII)));
        if (!route.forwardTo().isEmpty()) {
            headers.add(new RecordHeader(Headers.FORWARD,
                    String.join(",", route.forwardTo()).getBytes(StandardCharsets.UTF_8)));
        }
        return List.copyOf(headers);
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
