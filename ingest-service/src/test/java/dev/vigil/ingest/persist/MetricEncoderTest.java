package dev.vigil.ingest.persist;

import static dev.vigil.ingest.wire.WireBytes.concat;
import static dev.vigil.ingest.wire.WireBytes.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.vigil.ingest.clickhouse.EncodedMetrics;
import dev.vigil.ingest.clickhouse.EncodedRows;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The encoder reads the wire format itself: what it writes for any encoding protobuf accepts must be what it writes for
 * the same message as protobuf serializes it. What it writes for those, column by column, {@code MetricPersisterTest}
 * checks through ClickHouse.
 */
class MetricEncoderTest {
    private static final long T0 = 1_700_000_000_123_456_789L;
    private static final ByteString TRACE = ByteString.fromHex("0af7651916cd43dd8448eb211c80319c");
    private static final ByteString SPAN = ByteString.fromHex("b7ad6b7169203331");

    @Test
    void writesTheSameRowsForFieldsInAnyOrderAndRepeatedNumbersUnpackedAsForProtobufsOwnEncoding() throws Exception {
        ExportMetricsServiceRequest request = everyKindOfPoint();
        byte[] canonical = request.toByteArray();
        byte[] reordered = reversedAndUnpacked(request);
        assertThat(reordered).isNotEqualTo(canonical);
        assertThat(ExportMetricsServiceRequest.parseFrom(reordered)).isEqualTo(request);

        EncodedMetrics rows = MetricEncoder.encode(canonical);

        assertThat(List.of(rows.gauges().rows(), rows.sums().rows(), rows.histograms().rows(),
                rows.exponentialHistograms().rows(), rows.summaries().rows())).containsExactly(2, 1, 1, 1, 1);
        assertSameRows(MetricEncoder.encode(reordered), rows);
    }

    @Test
    void keepsTheLastMemberOfAOneofAndMergesARepeatedMetricDataAsProtobufDoes() throws Exception {
        // A point whose value is sent as an integer, then as a double: the double is its value.
        byte[] point = concat(NumberDataPoint.newBuilder().setTimeUnixNano(T0).setAsInt(7).build().toByteArray(),
                NumberDataPoint.newBuilder().setAsDouble(2.5).build().toByteArray());
        // A metric's data sent as a gauge, then as a sum: protobuf keeps the sum.
        byte[] metric = concat(Metric.newBuilder().setName("m").setGauge(Gauge.newBuilder()
                        .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(T0).setAsInt(1))).build().toByteArray(),
                Metric.newBuilder().setSum(Sum.newBuilder().setIsMonotonic(true)).build().toByteArray(),
                Metric.newBuilder().setSum(Sum.newBuilder().addDataPoints(NumberDataPoint.parseFrom(point))).build()
                        .toByteArray());
        byte[] export = field(1, field(2, field(2, metric)));

        EncodedMetrics rows = MetricEncoder.encode(export);

        assertThat(rows.gauges().rows()).isZero();
        assertThat(rows.sums().rows()).isEqualTo(1);
        assertSameRows(rows, MetricEncoder.encode(ExportMetricsServiceRequest.parseFrom(export).toByteArray()));
        Sum sum = ExportMetricsServiceRequest.parseFrom(export).getResourceMetrics(0).getScopeMetrics(0).getMetrics(0)
                .getSum();
        assertThat(sum.getIsMonotonic()).isTrue();
        assertThat(sum.getDataPoints(0).getAsDouble()).isEqualTo(2.5);
    }

    @Test
    void passesOverFieldsItDoesNotKnow() throws Exception {
        NumberDataPoint known = NumberDataPoint.newBuilder().setTimeUnixNano(T0).setAsDouble(1.5)
                .addAttributes(kv("k", "v")).build();
        // Field 99 as a varint, a fixed32, a fixed64, a string and a group.
        byte[] unknown = concat(new byte[] {(byte) 0x98, 0x06, 0x01}, new byte[] {(byte) 0x9D, 0x06, 1, 2, 3, 4},
                new byte[] {(byte) 0x99, 0x06, 1, 2, 3, 4, 5, 6, 7, 8}, new byte[] {(byte) 0x9A, 0x06, 2, 'x', 'y'},
                new byte[] {(byte) 0x9B, 0x06, 0x08, 0x01, (byte) 0x9C, 0x06});
        // The metric's metadata (field 12) is not stored either.
        byte[] metadata = field(12, kv("m", "x").toByteArray());
        byte[] gauge = field(5, field(1, concat(known.toByteArray(), unknown)));
        byte[] export = field(1, field(2, field(2, concat(field(1, "g".getBytes()), gauge, metadata, unknown))));
        ExportMetricsServiceRequest expected = request(Metric.newBuilder().setName("g")
                .setGauge(Gauge.newBuilder().addDataPoints(known)).build());

        assertSameRows(MetricEncoder.encode(export), MetricEncoder.encode(expected.toByteArray()));
    }

    @Test
    void rejectsAStringThatIsNotUtf8AndATruncatedExportAsProtobufDoes() {
        // A metric name (field 1) of two bytes that are not UTF-8.
        byte[] badName = field(1, field(2, field(2, new byte[] {0x0A, 2, (byte) 0xC3, 0x28})));
        byte[] whole = everyKindOfPoint().toByteArray();
        byte[] truncated = Arrays.copyOf(whole, whole.length - 3);

        for (byte[] export : List.of(badName, truncated)) {
            assertThatThrownBy(() -> ExportMetricsServiceRequest.parseFrom(export))
                    .isInstanceOf(InvalidProtocolBufferException.class);
            assertThatThrownBy(() -> MetricEncoder.encode(export)).isInstanceOf(InvalidProtocolBufferException.class);
        }
    }

    @Test
    void encodesNoRowsForAMetricWithoutDataOrAnExportWithoutPoints() throws Exception {
        for (byte[] export : List.of(new byte[0], request(Metric.newBuilder().setName("no data").build()).toByteArray(),
                request(Metric.newBuilder().setName("empty").setGauge(Gauge.getDefaultInstance()).build())
                        .toByteArray())) {
            assertThat(MetricEncoder.encode(export).points()).isZero();
        }
    }

    /** Two resources, the second with two scopes; every kind of point with everything it can carry. */
    private static ExportMetricsServiceRequest everyKindOfPoint() {
        Exemplar exemplar = Exemplar.newBuilder().setTimeUnixNano(T0 - 1_000).setAsDouble(0.25).setTraceId(TRACE)
                .setSpanId(SPAN).addFilteredAttributes(kv("route", "/cart")).build();
        Exemplar intExemplar = Exemplar.newBuilder().setTimeUnixNano(T0 - 2_000).setAsInt(-3).build();
        Metric gauge = Metric.newBuilder().setName("queue.depth").setDescription("items").setUnit("{item}")
                .setGauge(Gauge.newBuilder()
                        .addDataPoints(NumberDataPoint.newBuilder().setStartTimeUnixNano(T0 - 60_000_000_000L)
                                .setTimeUnixNano(T0).setAsInt(-42).setFlags(1).addAttributes(kv("queue", "a"))
                                .addExemplars(exemplar).addExemplars(intExemplar))
                        .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(T0 + 1).setAsDouble(3.5)))
                .build();
        Metric sum = Metric.newBuilder().setName("requests").setUnit("1")
                .setSum(Sum.newBuilder().setIsMonotonic(true)
                        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                        .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(T0).setAsInt(1_000)))
                .build();
        Metric histogram = Metric.newBuilder().setName("latency").setUnit("ms")
                .setHistogram(Histogram.newBuilder()
                        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                        .addDataPoints(HistogramDataPoint.newBuilder().setTimeUnixNano(T0).setCount(6).setSum(41.5)
                                .addAllBucketCounts(List.of(1L, 2L, 3L)).addAllExplicitBounds(List.of(5.0, 10.0))
                                .setMin(0.5).setMax(12.25).setFlags(0).addAttributes(kv("route", "/pay"))
                                .addExemplars(exemplar)))
                .build();
        Metric exponential = Metric.newBuilder().setName("size").setUnit("By")
                .setExponentialHistogram(ExponentialHistogram.newBuilder()
                        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                        .addDataPoints(ExponentialHistogramDataPoint.newBuilder().setTimeUnixNano(T0).setCount(9)
                                .setSum(100).setScale(-2).setZeroCount(1).setZeroThreshold(0.001).setMin(1).setMax(64)
                                .setPositive(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(-3)
                                        .addAllBucketCounts(List.of(1L, 300L, 5L)))
                                .setNegative(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(2)
                                        .addBucketCounts(2))))
                .build();
        Metric summary = Metric.newBuilder().setName("gc.pause").setUnit("s")
                .setSummary(Summary.newBuilder().addDataPoints(SummaryDataPoint.newBuilder().setTimeUnixNano(T0)
                        .setCount(4).setSum(0.8)
                        .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.5).setValue(0.1))
                        .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.99)
                                .setValue(0.4))))
                .build();
        InstrumentationScope scope = InstrumentationScope.newBuilder().setName("io.opentelemetry.runtime")
                .setVersion("2.1.0").addAttributes(kv("team", "platform")).setDroppedAttributesCount(2).build();
        return ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(ResourceMetrics.newBuilder()
                        .setResource(Resource.newBuilder().addAttributes(kv("service.name", "cart"))
                                .addAttributes(kv("host.name", "node-1")))
                        .setSchemaUrl("https://opentelemetry.io/schemas/1.26.0")
                        .addScopeMetrics(ScopeMetrics.newBuilder().setScope(scope)
                                .setSchemaUrl("https://opentelemetry.io/schemas/1.21.0")
                                .addMetrics(gauge).addMetrics(sum).addMetrics(summary)))
                .addResourceMetrics(ResourceMetrics.newBuilder()
                        .setResource(Resource.newBuilder().addAttributes(kv("service.name", "payment")))
                        .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(histogram))
                        .addScopeMetrics(ScopeMetrics.newBuilder().setScope(scope).addMetrics(exponential)))
                .build();
    }

    private static ExportMetricsServiceRequest request(Metric metric) {
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(metric))).build();
    }

    private static void assertSameRows(EncodedMetrics actual, EncodedMetrics expected) {
        assertThat(tables(actual)).hasSize(5);
        for (int i = 0; i < 5; i++) {
            EncodedRows a = tables(actual).get(i);
            EncodedRows e = tables(expected).get(i);
            assertThat(HexFormat.of().formatHex(a.rowBinary())).as("table %d", i)
                    .isEqualTo(HexFormat.of().formatHex(e.rowBinary()));
            assertThat(a.timestamps()).as("table %d", i).isEqualTo(e.timestamps());
            assertThat(a.rowEnds()).as("table %d", i).isEqualTo(e.rowEnds());
        }
    }

    private static List<EncodedRows> tables(EncodedMetrics rows) {
        return List.of(rows.gauges(), rows.sums(), rows.histograms(), rows.exponentialHistograms(), rows.summaries());
    }

    private static KeyValue kv(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    /**
     * The message with its fields in reverse order of number at every level (a group's items before its resource or
     * scope, a point's attributes last) and its repeated numbers unpacked, one tag per value: an encoding protobuf
     * reads as the same message and never writes.
     */
    private static byte[] reversedAndUnpacked(Message message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        List<FieldDescriptor> fields = new ArrayList<>(message.getAllFields().keySet());
        Collections.reverse(fields);
        try {
            for (FieldDescriptor field : fields) {
                Object value = message.getField(field);
                for (Object one : field.isRepeated() ? (List<?>) value : List.of(value)) {
                    write(out, field, one);
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void write(CodedOutputStream out, FieldDescriptor field, Object value) throws IOException {
        int n = field.getNumber();
        switch (field.getType()) {
            case MESSAGE -> out.writeByteArray(n, reversedAndUnpacked((Message) value));
            case STRING -> out.writeString(n, (String) value);
            case BYTES -> out.writeBytes(n, (ByteString) value);
            case DOUBLE -> out.writeDouble(n, (Double) value);
            case FIXED64 -> out.writeFixed64(n, (Long) value);
            case SFIXED64 -> out.writeSFixed64(n, (Long) value);
            case UINT64 -> out.writeUInt64(n, (Long) value);
            case INT64 -> out.writeInt64(n, (Long) value);
            case UINT32 -> out.writeUInt32(n, (Integer) value);
            case INT32 -> out.writeInt32(n, (Integer) value);
            case SINT32 -> out.writeSInt32(n, (Integer) value);
            case FIXED32 -> out.writeFixed32(n, (Integer) value);
            case BOOL -> out.writeBool(n, (Boolean) value);
            case ENUM -> out.writeEnum(n, ((EnumValueDescriptor) value).getNumber());
            default -> throw new IllegalArgumentException("no metric field is a " + field.getType());
        }
    }
}
