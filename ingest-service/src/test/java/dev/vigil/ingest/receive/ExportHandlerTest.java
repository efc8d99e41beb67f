package dev.vigil.ingest.receive;

import static dev.vigil.ingest.receive.RecordSplitterTest.request;
import static dev.vigil.ingest.receive.RecordSplitterTest.resource;
import static dev.vigil.ingest.receive.RecordSplitterTest.scope;
import static dev.vigil.ingest.receive.RecordSplitterTest.span;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import dev.vigil.contracts.Headers;
import dev.vigil.contracts.Signal;
import dev.vigil.contracts.Topics;
import dev.vigil.devstack.testing.SharedDevStack;
import dev.vigil.ingest.pipeline.PipelineRouter;
import dev.vigil.ingest.pipeline.Routed;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The handler against the real Kafka broker, with pipelines the test decides: every routed result is
 * published with its own headers, and the sender is answered only for what the pipelines made of it.
 */
class ExportHandlerTest {
    private final String bootstrapServers = SharedDevStack.get().kafkaBootstrapServers();
    private final ExecutorService worker = Executors.newFixedThreadPool(2);
    private final List<OtlpPublisher> publishers = new ArrayList<>();

    record Config(int maxRecordBytes) implements ReceiveConfig {
        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public boolean requireToken() {
            return true;
        }

        @Override
        public Duration tokenLookupTimeout() {
            return Duration.ofSeconds(5);
        }

        @Override
        public int maxRequestBytes() {
            return 1024 * 1024;
        }

        @Override
        public long maxInFlightBytes() {
            return 8 * 1024 * 1024;
        }

        @Override
        public int maxAttributeDepth() {
            return 32;
        }

        @Override
        public Duration publishTimeout() {
            return Duration.ofSeconds(10);
        }

        @Override
        public Duration retryAfter() {
            return Duration.ofSeconds(5);
        }

        @Override
        public String tenant() {
            return "acme";
        }

        @Override
        public String kafkaCompression() {
            return "lz4";
        }

        @Override
        public Admission admission() {
            return new Admission() {
                @Override
                public long maxBytes() {
                    return 8 * 1024 * 1024;
                }

                @Override
                public OptionalInt maxConcurrentDecodes() {
                    return OptionalInt.of(1);
                }

                @Override
                public Duration waitForRoom() {
                    return Duration.ZERO;
                }

                @Override
                public Duration bodyTimeout() {
                    return Duration.ofSeconds(30);
                }

                @Override
                public int minBodyRate() {
                    return 16384;
                }
            };
        }
    }

    /** Pipelines as a function of the request; it also records what it was asked. */
    private static final class Pipelines implements PipelineRouter {
        private final BiFunction<ExportTraceServiceRequest, Integer, List<Routed<ExportTraceServiceRequest>>> routes;
        private final List<Integer> itemsSeen = new ArrayList<>();

        Pipelines(BiFunction<ExportTraceServiceRequest, Integer, List<Routed<ExportTraceServiceRequest>>> routes) {
            this.routes = routes;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R extends Message> List<Routed<R>> route(Signal signal, R request, int items,
                java.util.function.Predicate<String> pipelines) {
            assertThat(signal).isEqualTo(Signal.TRACES);
            itemsSeen.add(items);
            return (List<Routed<R>>) (List<?>) routes.apply((ExportTraceServiceRequest) request, items);
        }

        @Override
        public List<String> names(Signal signal) {
            return List.of("default");
        }
    }

    @AfterEach
    void close() throws InterruptedException {
        publishers.forEach(OtlpPublisher::close);
        worker.shutdown();
        assertThat(worker.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private static final java.util.function.Predicate<String> EVERY_PIPELINE = pipeline -> true;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private ExportHandler handler(PipelineRouter router, int maxRecordBytes) {
        Config config = new Config(maxRecordBytes);
        OtlpPublisher publisher = new OtlpPublisher(config, Map.of("bootstrap.servers", bootstrapServers));
        publishers.add(publisher);
        ReceiveMeters meters = new ReceiveMeters(registry);
        return new ExportHandler(router, publisher, config, meters, new RequestAdmission(config, meters), worker);
    }

    @Test
    void answersADecodeThatRunsOutOfMemoryRetryablyAndCountsIt() throws Exception {
        Pipelines pipelines = new Pipelines((r, items) -> {
            throw new AssertionError("nothing was decoded, so nothing is routed");
        });
        ExportHandler handler = handler(pipelines, 900_000);

        Throwable failure = handler.export(TracesSignal.INSTANCE, Encoding.JSON, "test", EVERY_PIPELINE, () -> {
            throw new OutOfMemoryError("Java heap space");
        }).toCompletableFuture().handle((ok, e) -> e).get(30, TimeUnit.SECONDS);

        ExportStatus status = ExportStatus.of(failure);
        assertThat(status.httpStatus()).isEqualTo(503);
        assertThat(status.retryable()).isTrue();
        assertThat(status.message()).startsWith("the receiver ran out of memory decoding the request");
        assertThat(registry.get("vigil.ingest.decode.exhausted").tag("error", "OutOfMemoryError").counter().count())
                .isEqualTo(1.0);
        // The slot came back: the next export is decoded.
        assertThat(handler.export(TracesSignal.INSTANCE, Encoding.PROTOBUF, "test", EVERY_PIPELINE, new byte[0]).toCompletableFuture()
                .get(30, TimeUnit.SECONDS)).isEqualTo(ExportTraceServiceResponse.getDefaultInstance());
    }

    @Test
    void decodesAnExportThatWaitedForItsSlotLongerThanTheDecodeAheadOfItTookInsteadOfRefusingIt() throws Exception {
        java.util.concurrent.CountDownLatch decoding = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch finish = new java.util.concurrent.CountDownLatch(1);
        Pipelines pipelines = new Pipelines((r, items) -> List.of());
        ExportHandler handler = handler(pipelines, 900_000);
        var slow = handler.export(TracesSignal.INSTANCE, Encoding.PROTOBUF, "test", EVERY_PIPELINE, () -> {
            decoding.countDown();
            try {
                finish.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new byte[0];
        }).toCompletableFuture();
        assertThat(decoding.await(30, TimeUnit.SECONDS)).isTrue();

        var waiting = handler.export(TracesSignal.INSTANCE, Encoding.PROTOBUF, "test", EVERY_PIPELINE, new byte[0]).toCompletableFuture();
        TimeUnit.SECONDS.sleep(2);
        assertThat(waiting).as("in line while the only slot is busy").isNotDone();
        finish.countDown();

        assertThat(slow.get(30, TimeUnit.SECONDS)).isEqualTo(ExportTraceServiceResponse.getDefaultInstance());
        assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo(ExportTraceServiceResponse.getDefaultInstance());
        assertThat(registry.get("vigil.ingest.decode.wait").tag("transport", "test").timer().totalTime(TimeUnit.MILLISECONDS))
                .as("the wait, measured").isGreaterThanOrEqualTo(2000);
    }

    @Test
    void publishesEveryPipelinesResultWithItsOwnPipelineStoreAndForwardHeaders() throws Exception {
        String service = "routed-" + UUID.randomUUID();
        ExportTraceServiceRequest request = request(resource(service, scope("s", span(21, 1), span(21, 2))));
        ExportTraceServiceRequest errorsOnly = request(resource(service, scope("s", span(21, 2))));
        Pipelines pipelines = new Pipelines((r, items) -> List.of(
                new Routed<>("keep-all", r, items, true, List.of()),
                new Routed<>("ship-errors", errorsOnly, 1, false, List.of("vendor-a", "vendor-b"))));

        Message response = handler(pipelines, 900_000).export(TracesSignal.INSTANCE, Encoding.PROTOBUF, "test", EVERY_PIPELINE,
                request.toByteArray()).toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(response).isEqualTo(ExportTraceServiceResponse.getDefaultInstance());
        assertThat(pipelines.itemsSeen).containsExactly(2);
        List<ConsumerRecord<byte[], byte[]>> records = published(service, 2);
        assertThat(records).hasSize(2);
        ConsumerRecord<byte[], byte[]> all = byPipeline(records, "keep-all");
        ConsumerRecord<byte[], byte[]> shipped = byPipeline(records, "ship-errors");
        assertThat(ExportTraceServiceRequest.parseFrom(all.value())).isEqualTo(request);
        assertThat(PublishedRecords.header(all, Headers.STORE)).isEqualTo("true");
        assertThat(PublishedRecords.header(all, Headers.FORWARD)).isNull();
        assertThat(ExportTraceServiceRequest.parseFrom(shipped.value())).isEqualTo(errorsOnly);
        assertThat(PublishedRecords.header(shipped, Headers.STORE)).isEqualTo("false");
        assertThat(PublishedRecords.header(shipped, Headers.FORWARD)).isEqualTo("vendor-a,vendor-b");
        for (ConsumerRecord<byte[], byte[]> record : records) {
            assertThat(PublishedRecords.key(record)).isEqualTo(RecordSplitterTest.hex(21));
            assertThat(PublishedRecords.header(record, Headers.TENANT)).isEqualTo("acme");
        }
        assertThat(PublishedRecords.header(all, Headers.RECEIVED_AT))
                .isEqualTo(PublishedRecords.header(shipped, Headers.RECEIVED_AT));
        // One acknowledgement wait timed per request, over both pipelines' records.
        assertThat(registry.get("vigil.ingest.publish.duration").tag("signal", "traces").tag("outcome", "acknowledged")
                .timer().count()).isEqualTo(1);
    }

    @Test
    void answersSuccessAndPublishesNothingWhenNoPipelineKeepsTheExport() throws Exception {
        String service = "dropped-" + UUID.randomUUID();
        ExportTraceServiceRequest dropped = request(resource(service, scope("s", span(22, 1))));
        ExportTraceServiceRequest kept = request(resource(service, scope("s", span(23, 1))));
        Pipelines pipelines = new Pipelines((r, items) -> r.equals(dropped) ? List.of()
                : List.of(new Routed<>("default", r, items, true, List.of())));
        ExportHandler handler = handler(pipelines, 900_000);

        assertThat(handler.export(TracesSignal.INSTANCE, Encoding.PROTOBUF, "test", EVERY_PIPELINE, dropped.toByteArray())
                .toCompletableFuture().get(30, TimeUnit.SECONDS))
                .isEqualTo(ExportTraceServiceResponse.getDefaultInstance());
        handler.export(TracesSignal.INSTANCE, Encoding.PROTOBUF, "test", EVERY_PIPELINE, kept.toByteArray()).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);

        // The kept export was acknowledged after the dropped one was answered: had the dropped one been
        // published, it would be on the topic too.
        assertThat(published(service, 1)).extracting(PublishedRecords::key).containsExactly(RecordSplitterTest.hex(23));
    }

    @Test
    void neverAsksThePipelinesAboutAnEmptyExport() throws Exception {
        Pipelines pipelines = new Pipelines((r, items) -> {
            throw new AssertionError("an empty export reached the pipelines");
        });

        Message response = handler(pipelines, 900_000).export(TracesSignal.INSTANCE, Encoding.PROTOBUF, "test", EVERY_PIPELINE, new byte[0])
                .toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(response).isEqualTo(ExportTraceServiceResponse.getDefaultInstance());
        assertThat(pipelines.itemsSeen).isEmpty();
    }

    @Test
    void reportsASpanTooLargeForAnyRecordAsPartialSuccessAndPublishesTheRest() throws Exception {
        String service = "partial-" + UUID.randomUUID();
        ExportTraceServiceRequest request = request(resource(service, scope("s",
                span(24, 1).toBuilder().setName("y".repeat(40_000)).build(), span(25, 2))));
        Pipelines pipelines = new Pipelines((r, items) -> List.of(new Routed<>("default", r, items, true, List.of())));

        Message response = handler(pipelines, 16 * 1024).export(TracesSignal.INSTANCE, Encoding.PROTOBUF, "test", EVERY_PIPELINE,
                request.toByteArray()).toCompletableFuture().get(30, TimeUnit.SECONDS);

        ExportTracePartialSuccess partial = ((ExportTraceServiceResponse) response).getPartialSuccess();
        assertThat(partial.getRejectedSpans()).isEqualTo(1);
        assertThat(partial.getErrorMessage()).isEqualTo("a span of key " + RecordSplitterTest.hex(24) + " needs "
                + request.getResourceSpans(0).getScopeSpans(0).getSpans(0).getSerializedSize()
                + " bytes, more than a Kafka record of 16384 bytes can hold");
        assertThat(published(service, 1)).extracting(PublishedRecords::key).containsExactly(RecordSplitterTest.hex(25));
    }

    private List<ConsumerRecord<byte[], byte[]>> published(String service, int atLeast) {
        byte[] marker = service.getBytes(StandardCharsets.UTF_8);
        return PublishedRecords.read(bootstrapServers, Topics.OTLP_TRACES,
                r -> OtlpSdkExportTest.contains(r.value(), marker), atLeast);
    }

    private static ConsumerRecord<byte[], byte[]> byPipeline(List<ConsumerRecord<byte[], byte[]>> records,
            String pipeline) {
        return records.stream().filter(r -> pipeline.equals(PublishedRecords.header(r, Headers.PIPELINE))).findFirst()
                .orElseThrow(() -> new AssertionError("no record of pipeline " + pipeline));
    }
}
