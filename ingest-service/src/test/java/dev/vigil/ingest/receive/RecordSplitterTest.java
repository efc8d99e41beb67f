package dev.vigil.ingest.receive;

import static dev.vigil.ingest.wire.WireBytes.concat;
import static dev.vigil.ingest.wire.WireBytes.field;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordSplitterTest {
    private static final TracesSignal TRACES = TracesSignal.INSTANCE;
    private static final int ONE_MIB = 1024 * 1024;

    @Test
    void keepsARequestOfOneTraceAsItIs() {
        ExportTraceServiceRequest request = request(resource("a", scope("s", span(1, 1), span(1, 2))));
        RecordSplitter.Split split = RecordSplitter.split(TRACES, request, ONE_MIB);
        assertThat(split.records()).hasSize(1);
        assertThat(split.records().getFirst().value()).isEqualTo(request.toByteArray());
        assertThat(keyOf(split.records().getFirst())).isEqualTo(hex(1));
        assertThat(split.refusedItems()).isZero();
    }

    @Test
    void putsEachTraceInItsOwnRecordKeyedByTraceId() throws InvalidProtocolBufferException {
        ExportTraceServiceRequest request = request(
                resource("checkout", scope("http", span(1, 1), span(2, 2)), scope("db", span(1, 3))),
                resource("payment", scope("http", span(2, 4))));

        RecordSplitter.Split split = RecordSplitter.split(TRACES, request, ONE_MIB);

        assertThat(split.records()).extracting(RecordSplitterTest::keyOf).containsExactly(hex(1), hex(2));
        ExportTraceServiceRequest first = ExportTraceServiceRequest.parseFrom(split.records().get(0).value());
        assertThat(first.getResourceSpansCount()).isEqualTo(1);
        assertThat(first.getResourceSpans(0).getResource()).isEqualTo(request.getResourceSpans(0).getResource());
        assertThat(first.getResourceSpans(0).getScopeSpansList()).extracting(s -> s.getScope().getName())
                .containsExactly("http", "db");
        assertThat(spanIds(first)).containsExactly(1, 3);

        ExportTraceServiceRequest second = ExportTraceServiceRequest.parseFrom(split.records().get(1).value());
        assertThat(second.getResourceSpansList()).extracting(r -> r.getResource().getAttributes(0).getValue()
                .getStringValue()).containsExactly("checkout", "payment");
        assertThat(spanIds(second)).containsExactly(2, 4);
        assertThat(split.records()).extracting(OtlpRecord::items).containsExactly(2, 2);
    }

    @Test
    void sharesOneRecordPerPartitionAmongTheTracesKafkaWouldPlaceThere() throws InvalidProtocolBufferException {
        List<Span> checkout = new ArrayList<>();
        List<Span> payment = new ArrayList<>();
        for (int trace = 1; trace <= 40; trace++) {
            checkout.add(span(trace, trace * 10 + 1));
            payment.add(span(trace, trace * 10 + 2));
        }
        ExportTraceServiceRequest request = request(resource("checkout", scope("http", checkout.toArray(Span[]::new))),
                resource("payment", scope("http", payment.toArray(Span[]::new))));

        RecordSplitter.Split split = RecordSplitter.split(TRACES, request, null, ONE_MIB, 3);

        assertThat(split.records()).as("one record per partition, not one per trace").hasSize(3);
        assertThat(split.records()).extracting(OtlpRecord::partition).containsExactlyInAnyOrder(0, 1, 2);
        int items = 0;
        for (OtlpRecord record : split.records()) {
            ExportTraceServiceRequest part = ExportTraceServiceRequest.parseFrom(record.value());
            assertThat(part.getResourceSpansCount()).as("each resource written once per record").isEqualTo(2);
            for (ResourceSpans resource : part.getResourceSpansList()) {
                for (Span span : resource.getScopeSpans(0).getSpansList()) {
                    String traceKey = HexFormat.of().formatHex(span.getTraceId().toByteArray());
                    assertThat(RecordSplitter.partitionOf(traceKey, 3)).as("trace " + traceKey + " on its partition")
                            .isEqualTo(record.partition());
                }
            }
            items += record.items();
        }
        assertThat(items).isEqualTo(80);
        assertThat(split.refusedItems()).isZero();
    }

    @Test
    void cutsALargeTraceIntoRecordsUnderTheLimitWithTheSameKey() throws InvalidProtocolBufferException {
        List<Span> spans = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            spans.add(span(7, i).toBuilder().setName("x".repeat(1_000)).build());
        }
        ExportTraceServiceRequest request = request(resource("big", scope("s", spans.toArray(Span[]::new))));
        int limit = 16 * 1024;

        RecordSplitter.Split split = RecordSplitter.split(TRACES, request, limit);

        assertThat(split.records()).hasSizeGreaterThan(1);
        assertThat(split.records()).allSatisfy(r -> {
            assertThat(r.value().length).isLessThanOrEqualTo(limit);
            assertThat(keyOf(r)).isEqualTo(hex(7));
        });
        List<Integer> ids = new ArrayList<>();
        for (OtlpRecord r : split.records()) {
            ExportTraceServiceRequest part = ExportTraceServiceRequest.parseFrom(r.value());
            assertThat(part.getResourceSpans(0).getResource()).isEqualTo(request.getResourceSpans(0).getResource());
            ids.addAll(spanIds(part));
        }
        assertThat(ids).hasSize(100).isSorted().doesNotHaveDuplicates();
        assertThat(split.refusedItems()).isZero();
    }

    @Test
    void refusesASpanThatCannotFitInARecordAndKeepsTheRest() {
        Span huge = span(3, 1).toBuilder().setName("y".repeat(40_000)).build();
        ExportTraceServiceRequest request = request(resource("r", scope("s", huge, span(3, 2), span(4, 3))));

        RecordSplitter.Split split = RecordSplitter.split(TRACES, request, 16 * 1024);

        assertThat(split.refusedItems()).isEqualTo(1);
        assertThat(split.refusal()).contains(hex(3)).contains("16384");
        assertThat(split.records()).extracting(OtlpRecord::items).containsExactly(1, 1);
    }

    @Test
    void keysLogRecordsByTraceIdWhenTheyHaveOneAndByResourceOtherwise() throws InvalidProtocolBufferException {
        LogRecord inTrace = LogRecord.newBuilder().setTraceId(span(5, 1).getTraceId()).setSpanId(span(5, 1).getSpanId())
                .setBody(AnyValue.newBuilder().setStringValue("in trace")).build();
        LogRecord plain = LogRecord.newBuilder().setBody(AnyValue.newBuilder().setStringValue("plain")).build();
        ResourceLogs checkout = ResourceLogs.newBuilder().setResource(resource("checkout").getResource())
                .addScopeLogs(ScopeLogs.newBuilder().setScope(InstrumentationScope.newBuilder().setName("log"))
                        .addLogRecords(plain).addLogRecords(inTrace).addLogRecords(plain))
                .build();
        ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder().addResourceLogs(checkout).build();

        RecordSplitter.Split split = RecordSplitter.split(LogsSignal.INSTANCE, request, ONE_MIB);

        String resourceKey = RecordKeys.resource(checkout.getResource());
        assertThat(resourceKey).hasSize(16).isEqualTo(RecordKeys.resource(resource("checkout").getResource()))
                .isNotEqualTo(RecordKeys.resource(resource("payment").getResource()));
        assertThat(split.records()).extracting(RecordSplitterTest::keyOf).containsExactly(resourceKey, hex(5));
        assertThat(split.records()).extracting(OtlpRecord::items).containsExactly(2, 1);
        ExportLogsServiceRequest first = ExportLogsServiceRequest.parseFrom(split.records().get(0).value());
        assertThat(first).isEqualTo(ExportLogsServiceRequest.newBuilder().addResourceLogs(checkout.toBuilder()
                .setScopeLogs(0, checkout.getScopeLogs(0).toBuilder().clearLogRecords().addLogRecords(plain)
                        .addLogRecords(plain))).build());
        ExportLogsServiceRequest second = ExportLogsServiceRequest.parseFrom(split.records().get(1).value());
        assertThat(second.getResourceLogs(0).getScopeLogs(0).getLogRecordsList()).containsExactly(inTrace);
    }

    @Test
    void keysMetricsByResourceAndNameAndCountsDataPoints() throws InvalidProtocolBufferException {
        Metric requests = gauge("requests", 3, 0);
        Metric latency = gauge("latency", 2, 0);
        ResourceMetrics checkout = ResourceMetrics.newBuilder().setResource(resource("checkout").getResource())
                .addScopeMetrics(ScopeMetrics.newBuilder().setScope(InstrumentationScope.newBuilder().setName("m"))
                        .addMetrics(requests).addMetrics(latency))
                .build();
        ExportMetricsServiceRequest request = ExportMetricsServiceRequest.newBuilder().addResourceMetrics(checkout)
                .build();

        RecordSplitter.Split split = RecordSplitter.split(MetricsSignal.INSTANCE, request, ONE_MIB);

        String resourceKey = RecordKeys.resource(checkout.getResource());
        assertThat(split.records()).extracting(RecordSplitterTest::keyOf)
                .containsExactly(resourceKey + "/requests", resourceKey + "/latency");
        assertThat(split.records()).extracting(OtlpRecord::items).containsExactly(3, 2);
        assertThat(MetricsSignal.INSTANCE.items(request)).isEqualTo(5);
        ExportMetricsServiceRequest second = ExportMetricsServiceRequest.parseFrom(split.records().get(1).value());
        assertThat(second).isEqualTo(ExportMetricsServiceRequest.newBuilder().addResourceMetrics(checkout.toBuilder()
                .setScopeMetrics(0, checkout.getScopeMetrics(0).toBuilder().clearMetrics().addMetrics(latency)))
                .build());
    }

    @Test
    void cutsAMetricTooLargeForOneRecordByDataPointsUnderOneKey() throws InvalidProtocolBufferException {
        Metric big = gauge("big", 400, 100);
        ExportMetricsServiceRequest request = ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(ResourceMetrics.newBuilder().setResource(resource("r").getResource())
                        .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(big)))
                .build();
        int limit = 16 * 1024;

        RecordSplitter.Split split = RecordSplitter.split(MetricsSignal.INSTANCE, request, limit);

        assertThat(split.records()).hasSizeGreaterThan(2);
        assertThat(split.records()).extracting(RecordSplitterTest::keyOf).containsOnly(
                RecordKeys.resource(request.getResourceMetrics(0).getResource()) + "/big");
        List<NumberDataPoint> points = new ArrayList<>();
        for (OtlpRecord r : split.records()) {
            assertThat(r.value().length).isLessThanOrEqualTo(limit);
            Metric part = ExportMetricsServiceRequest.parseFrom(r.value()).getResourceMetrics(0).getScopeMetrics(0)
                    .getMetrics(0);
            assertThat(part.getName()).isEqualTo("big");
            assertThat(r.items()).isEqualTo(part.getGauge().getDataPointsCount());
            points.addAll(part.getGauge().getDataPointsList());
        }
        assertThat(points).isEqualTo(big.getGauge().getDataPointsList());
        assertThat(split.refusedItems()).isZero();
    }

    @Test
    void refusesALogRecordThatCannotFitAndNamesItsKey() {
        LogRecord huge = LogRecord.newBuilder().setTraceId(span(8, 1).getTraceId())
                .setBody(AnyValue.newBuilder().setStringValue("z".repeat(20_000))).build();
        ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs
                .newBuilder().addScopeLogs(ScopeLogs.newBuilder().addLogRecords(huge))).build();

        RecordSplitter.Split split = RecordSplitter.split(LogsSignal.INSTANCE, request, 16 * 1024);

        assertThat(split.records()).isEmpty();
        assertThat(split.refusedItems()).isEqualTo(1);
        assertThat(split.refusal()).isEqualTo("a log record of key " + hex(8) + " needs " + huge.getSerializedSize()
                + " bytes, more than a Kafka record of 16384 bytes can hold");
    }

    @Test
    void copiesItemsFromTheBodyTheyCameInIntoTheSameRecordsAsWritingThemAgain() {
        List<Span> checkout = new ArrayList<>();
        List<Span> payment = new ArrayList<>();
        for (int trace = 1; trace <= 40; trace++) {
            checkout.add(span(trace, trace * 10 + 1));
            payment.add(span(trace, trace * 10 + 2));
        }
        ExportTraceServiceRequest request = request(
                resource("checkout", scope("http", checkout.toArray(Span[]::new)), scope("db", span(3, 9))),
                resource("payment", scope("http", payment.toArray(Span[]::new))));
        byte[] body = request.toByteArray();

        for (int partitions : new int[] {0, 1, 3}) {
            RecordSplitter.Split copied = RecordSplitter.split(TRACES, request, ReceivedItems.of(body), 1024,
                    partitions);
            RecordSplitter.Split written = RecordSplitter.split(TRACES, request, null, 1024, partitions);
            assertThat(copied.records()).as("%d partitions", partitions).hasSizeGreaterThan(1)
                    .hasSameSizeAs(written.records());
            for (int i = 0; i < written.records().size(); i++) {
                assertThat(copied.records().get(i).value()).isEqualTo(written.records().get(i).value());
                assertThat(copied.records().get(i).items()).isEqualTo(written.records().get(i).items());
            }
        }
    }

    @Test
    void copiesAnItemAsItCameFieldsUnknownToTheReceiverIncluded() throws InvalidProtocolBufferException {
        // Field 99 of the span, a string: a newer OTLP's field, say, which this receiver's classes do not name.
        byte[] newerSpan = concat(span(5, 1).toByteArray(), new byte[] {(byte) 0x9A, 0x06, 2, 'n', 'u'});
        byte[] scope = concat(scope("http").toByteArray(), field(2, newerSpan));
        byte[] resourceSpans = concat(resource("checkout").toByteArray(), field(2, scope));
        byte[] body = field(1, resourceSpans);
        ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
        // A second trace on another partition, so that the record is assembled rather than the body passed on.
        ExportTraceServiceRequest twoTraces = request.toBuilder().addResourceSpans(resource("payment",
                scope("http", span(6, 2)))).build();
        byte[] twoTracesBody = concat(body, field(1, twoTraces.getResourceSpans(1).toByteArray()));

        RecordSplitter.Split split = RecordSplitter.split(TRACES, twoTraces, ReceivedItems.of(twoTracesBody), ONE_MIB,
                0);

        assertThat(split.records()).extracting(RecordSplitterTest::keyOf).containsExactly(hex(5), hex(6));
        ExportTraceServiceRequest first = ExportTraceServiceRequest.parseFrom(split.records().getFirst().value());
        assertThat(first).isEqualTo(request);
        assertThat(first.getResourceSpans(0).getScopeSpans(0).getSpans(0).getUnknownFields().hasField(99)).isTrue();
    }

    @Test
    void writesThePartsOfACutMetricAndCopiesTheWholeOnes() throws InvalidProtocolBufferException {
        Metric big = gauge("big", 400, 100);
        Metric small = gauge("small", 2, 0);
        ExportMetricsServiceRequest request = ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(ResourceMetrics.newBuilder().setResource(resource("r").getResource())
                        .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(small).addMetrics(big)))
                .build();

        RecordSplitter.Split split = RecordSplitter.split(MetricsSignal.INSTANCE, request,
                ReceivedItems.of(request.toByteArray()), 16 * 1024, 0);

        List<Metric> parts = new ArrayList<>();
        for (OtlpRecord r : split.records()) {
            assertThat(r.value().length).isLessThanOrEqualTo(16 * 1024);
            parts.addAll(ExportMetricsServiceRequest.parseFrom(r.value()).getResourceMetrics(0).getScopeMetrics(0)
                    .getMetricsList());
        }
        assertThat(parts).hasSizeGreaterThan(2);
        assertThat(parts.getFirst()).isEqualTo(small);
        assertThat(parts.subList(1, parts.size()).stream().flatMap(m -> m.getGauge().getDataPointsList().stream()))
                .isEqualTo(big.getGauge().getDataPointsList());
    }

    static Metric gauge(String name, int points, int padding) {
        Gauge.Builder gauge = Gauge.newBuilder();
        for (int i = 0; i < points; i++) {
            gauge.addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(1_000L + i).setAsInt(i)
                    .addAttributes(KeyValue.newBuilder().setKey("pad")
                            .setValue(AnyValue.newBuilder().setStringValue("p".repeat(padding)))));
        }
        return Metric.newBuilder().setName(name).setUnit("1").setGauge(gauge).build();
    }

    private static String keyOf(OtlpRecord record) {
        return new String(record.key(), StandardCharsets.US_ASCII);
    }

    private static List<Integer> spanIds(ExportTraceServiceRequest request) {
        List<Integer> ids = new ArrayList<>();
        for (ResourceSpans r : request.getResourceSpansList()) {
            for (ScopeSpans s : r.getScopeSpansList()) {
                for (Span span : s.getSpansList()) {
                    ids.add((int) span.getSpanId().byteAt(7) & 0xFF);
                }
            }
        }
        return ids;
    }

    static ExportTraceServiceRequest request(ResourceSpans... resources) {
        return ExportTraceServiceRequest.newBuilder().addAllResourceSpans(Arrays.asList(resources)).build();
    }

    static ResourceSpans resource(String service, ScopeSpans... scopes) {
        return ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                        .setValue(AnyValue.newBuilder().setStringValue(service))))
                .addAllScopeSpans(Arrays.asList(scopes))
                .build();
    }

    static ScopeSpans scope(String name, Span... spans) {
        return ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName(name))
                .addAllSpans(Arrays.asList(spans)).build();
    }

    static Span span(int trace, int span) {
        byte[] traceId = new byte[16];
        traceId[15] = (byte) trace;
        byte[] spanId = new byte[8];
        spanId[7] = (byte) span;
        return Span.newBuilder().setTraceId(ByteString.copyFrom(traceId)).setSpanId(ByteString.copyFrom(spanId))
                .setName("op").build();
    }

    static String hex(int trace) {
        return "0".repeat(30) + String.format("%02x", trace);
    }
}
