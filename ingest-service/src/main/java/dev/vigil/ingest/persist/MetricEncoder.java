package dev.vigil.ingest.persist;

import static dev.vigil.ingest.wire.WireReader.FIXED64;
import static dev.vigil.ingest.wire.WireReader.LENGTH_DELIMITED;
import static dev.vigil.ingest.wire.WireReader.VARINT;
import static dev.vigil.ingest.wire.WireReader.tag;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.ingest.clickhouse.EncodedMetrics;
import dev.vigil.ingest.clickhouse.RowBinaryBuffer;
import dev.vigil.ingest.clickhouse.RowsEncoder;
import dev.vigil.ingest.wire.WireReader;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import java.util.Arrays;

/**
 * Turns an OTLP metrics export, as the protobuf bytes of its Kafka record, into rows of the five
 * {@code otel_metrics_*} tables, one per data point, in RowBinary and in the column order of
 * {@code MetricTableWriter}'s column lists, as the Collector's exporter writes them: integer values as Float64, absent
 * sums, minimums and maximums as 0, exemplar ids as hex of their full width even when zero.
 *
 * <p>It reads the wire format in place, as {@link SpanEncoder} and {@link LogEncoder} do: having protobuf parse each
 * export into messages took a tenth of the persist stage's CPU for data points (docs/performance.md, "Ingest"). The
 * columns every point of a metric shares (its resource, scope, service, name, description and unit) are encoded once
 * per metric and copied into each point's row. A metric whose data occurs twice (protobuf keeps the last member of a
 * oneof, and merges a repeated one), like a repeated singular message field, has protobuf parse and serialize the
 * export again first.
 */
final class MetricEncoder {
    private static final int RESOURCE_METRICS = tag(1, LENGTH_DELIMITED);
    private static final int RESOURCE_ATTRIBUTE = tag(1, LENGTH_DELIMITED);

    private static final int METRIC_NAME = tag(1, LENGTH_DELIMITED);
    private static final int METRIC_DESCRIPTION = tag(2, LENGTH_DELIMITED);
    private static final int METRIC_UNIT = tag(3, LENGTH_DELIMITED);
    private static final int GAUGE = tag(5, LENGTH_DELIMITED);
    private static final int SUM = tag(7, LENGTH_DELIMITED);
    private static final int HISTOGRAM = tag(9, LENGTH_DELIMITED);
    private static final int EXPONENTIAL_HISTOGRAM = tag(10, LENGTH_DELIMITED);
    private static final int SUMMARY = tag(11, LENGTH_DELIMITED);

    /** Gauge, Sum, Histogram, ExponentialHistogram and Summary all hold their points in field 1. */
    private static final int DATA_POINT = tag(1, LENGTH_DELIMITED);
    private static final int AGGREGATION_TEMPORALITY = tag(2, VARINT);
    private static final int IS_MONOTONIC = tag(3, VARINT);

    /** Every kind of point has its start and time in fields 2 and 3, and (but the number point) count and sum in 4, 5. */
    private static final int START_TIME = tag(2, FIXED64);
    private static final int TIME = tag(3, FIXED64);
    private static final int COUNT = tag(4, FIXED64);
    private static final int POINT_SUM = tag(5, FIXED64);

    private static final int NUMBER_AS_DOUBLE = tag(4, FIXED64);
    private static final int NUMBER_EXEMPLAR = tag(5, LENGTH_DELIMITED);
    private static final int NUMBER_AS_INT = tag(6, FIXED64);
    private static final int NUMBER_ATTRIBUTE = tag(7, LENGTH_DELIMITED);
    private static final int NUMBER_FLAGS = tag(8, VARINT);

    private static final int HISTOGRAM_BUCKET_COUNTS = 6;
    private static final int HISTOGRAM_EXPLICIT_BOUNDS = 7;
    private static final int HISTOGRAM_EXEMPLAR = tag(8, LENGTH_DELIMITED);
    private static final int HISTOGRAM_ATTRIBUTE = tag(9, LENGTH_DELIMITED);
    private static final int HISTOGRAM_FLAGS = tag(10, VARINT);
    private static final int HISTOGRAM_MIN = tag(11, FIXED64);
    private static final int HISTOGRAM_MAX = tag(12, FIXED64);

    private static final int EXPONENTIAL_ATTRIBUTE = tag(1, LENGTH_DELIMITED);
    private static final int EXPONENTIAL_SCALE = tag(6, VARINT);
    private static final int EXPONENTIAL_ZERO_COUNT = tag(7, FIXED64);
    private static final int EXPONENTIAL_POSITIVE = tag(8, LENGTH_DELIMITED);
    private static final int EXPONENTIAL_NEGATIVE = tag(9, LENGTH_DELIMITED);
    private static final int EXPONENTIAL_FLAGS = tag(10, VARINT);
    private static final int EXPONENTIAL_EXEMPLAR = tag(11, LENGTH_DELIMITED);
    private static final int EXPONENTIAL_MIN = tag(12, FIXED64);
    private static final int EXPONENTIAL_MAX = tag(13, FIXED64);
    private static final int BUCKETS_OFFSET = tag(1, VARINT);
    private static final int BUCKETS_COUNTS = 2;

    private static final int SUMMARY_QUANTILE_VALUE = tag(6, LENGTH_DELIMITED);
    private static final int SUMMARY_ATTRIBUTE = tag(7, LENGTH_DELIMITED);
    private static final int SUMMARY_FLAGS = tag(8, VARINT);
    private static final int QUANTILE = tag(1, FIXED64);
    private static final int QUANTILE_VALUE = tag(2, FIXED64);

    private static final int EXEMPLAR_TIME = tag(2, FIXED64);
    private static final int EXEMPLAR_AS_DOUBLE = tag(3, FIXED64);
    private static final int EXEMPLAR_SPAN_ID = tag(4, LENGTH_DELIMITED);
    private static final int EXEMPLAR_TRACE_ID = tag(5, LENGTH_DELIMITED);
    private static final int EXEMPLAR_AS_INT = tag(6, FIXED64);
    private static final int EXEMPLAR_ATTRIBUTE = tag(7, LENGTH_DELIMITED);

    private final byte[] export;
    private final RowsEncoder gauges = new RowsEncoder(4096);
    private final RowsEncoder sums = new RowsEncoder(4096);
    private final RowsEncoder histograms = new RowsEncoder(4096);
    private final RowsEncoder exponentialHistograms = new RowsEncoder(256);
    private final RowsEncoder summaries = new RowsEncoder(256);
    /** ResourceAttributes … MetricUnit of the metric being encoded: the resource's, then the scope's, then its own. */
    private final RowBinaryBuffer shared = new RowBinaryBuffer(1024);
    /** The resource's service name, which comes after the scope's columns. */
    private final RowBinaryBuffer serviceName = new RowBinaryBuffer(64);
    private final WireAttributes attributes;
    private final WireGroup resource = new WireGroup();
    private final WireGroup scope = new WireGroup();
    private final WireScope scopeFields = new WireScope();
    /** The attributes of the resource, then of the point being read. */
    private final WireSlices list = new WireSlices();
    private final WireSlices exemplars = new WireSlices();
    private final WireSlices exemplarAttributes = new WireSlices();
    private final WireSlices quantiles = new WireSlices();
    /** A histogram's bucket counts (or an exponential one's positive ones), bounds, and negative bucket counts. */
    private final Longs first = new Longs();
    private final Longs second = new Longs();

    private MetricEncoder(byte[] export) {
        this.export = export;
        this.attributes = new WireAttributes(export);
    }

    /** The rows of the export's data points; none for an export without points. */
    static EncodedMetrics encode(byte[] export) throws InvalidProtocolBufferException {
        return WireFields.encode(export, bytes -> new MetricEncoder(bytes).encode(),
                bytes -> ExportMetricsServiceRequest.parseFrom(bytes).toByteArray());
    }

    private EncodedMetrics encode() throws InvalidProtocolBufferException {
        WireFields.forEach(new WireReader(export, 0, export.length), RESOURCE_METRICS, this::resourceMetrics);
        return new EncodedMetrics(gauges.encoded(), sums.encoded(), histograms.encoded(),
                exponentialHistograms.encoded(), summaries.encoded());
    }

    private void resourceMetrics(WireReader resourceMetrics) throws InvalidProtocolBufferException {
        resource.read(resourceMetrics);
        WireFields.repeated(resource.head(), RESOURCE_ATTRIBUTE, list);
        serviceName.truncate(0);
        attributes.writeServiceName(serviceName, list);
        shared.truncate(0);
        // ResourceAttributes, ResourceSchemaUrl.
        attributes.write(shared, list);
        resource.writeSchemaUrl(shared, export);
        int resourceEnd = shared.size();
        resource.forEachItem(scopeMetrics -> {
            shared.truncate(resourceEnd);
            scopeMetrics(scopeMetrics);
        });
    }

    private void scopeMetrics(WireReader scopeMetrics) throws InvalidProtocolBufferException {
        scope.read(scopeMetrics);
        scopeFields.read(scope.head());
        // ScopeName, ScopeVersion, ScopeAttributes, ScopeDroppedAttrCount, ScopeSchemaUrl, ServiceName.
        scopeFields.writeNameAndVersion(shared, export);
        attributes.write(shared, scopeFields.attributes());
        shared.int32(scopeFields.droppedAttributesCount());
        scope.writeSchemaUrl(shared, export);
        shared.append(serviceName);
        int scopeEnd = shared.size();
        scope.forEachItem(metric -> {
            shared.truncate(scopeEnd);
            metric(metric);
        });
    }

    private void metric(WireReader metric) throws InvalidProtocolBufferException {
        int name = 0;
        int nameEnd = 0;
        int description = 0;
        int descriptionEnd = 0;
        int unit = 0;
        int unitEnd = 0;
        int dataTag = 0;
        WireReader data = null;
        while (metric.hasMore()) {
            int tag = metric.tag();
            if (tag == METRIC_NAME || tag == METRIC_DESCRIPTION || tag == METRIC_UNIT) {
                metric.string();
                if (tag == METRIC_NAME) {
                    name = metric.start();
                    nameEnd = metric.end();
                } else if (tag == METRIC_DESCRIPTION) {
                    description = metric.start();
                    descriptionEnd = metric.end();
                } else {
                    unit = metric.start();
                    unitEnd = metric.end();
                }
            } else if (tag == GAUGE || tag == SUM || tag == HISTOGRAM || tag == EXPONENTIAL_HISTOGRAM
                    || tag == SUMMARY) {
                metric.lengthDelimited();
                data = WireFields.once(data, metric.nested());
                dataTag = tag;
            } else {
                metric.skip(tag);
            }
        }
        if (data == null) {
            // A metric without data has no point to store; the exporter skips it too.
            return;
        }
        // MetricName, MetricDescription, MetricUnit.
        shared.utf8(export, name, nameEnd);
        shared.utf8(export, description, descriptionEnd);
        shared.utf8(export, unit, unitEnd);
        // The aggregation's own fields go after each point's columns: read them before the points.
        int temporality = 0;
        boolean monotonic = false;
        while (data.hasMore()) {
            int tag = data.tag();
            if (tag == AGGREGATION_TEMPORALITY) {
                temporality = (int) data.varint();
            } else if (tag == IS_MONOTONIC) {
                monotonic = data.varint() != 0;
            } else {
                data.skip(tag);
            }
        }
        int aggregationTemporality = temporality;
        boolean isMonotonic = monotonic;
        if (dataTag == GAUGE) {
            WireFields.forEach(data.again(), DATA_POINT, point -> numberPoint(gauges, point, false, 0, false));
        } else if (dataTag == SUM) {
            WireFields.forEach(data.again(), DATA_POINT,
                    point -> numberPoint(sums, point, true, aggregationTemporality, isMonotonic));
        } else if (dataTag == HISTOGRAM) {
            WireFields.forEach(data.again(), DATA_POINT, point -> histogramPoint(point, aggregationTemporality));
        } else if (dataTag == EXPONENTIAL_HISTOGRAM) {
            WireFields.forEach(data.again(), DATA_POINT, point -> exponentialPoint(point, aggregationTemporality));
        } else {
            WireFields.forEach(data.again(), DATA_POINT, this::summaryPoint);
        }
    }

    /** A gauge's or a sum's point; a sum's row ends with the sum's AggregationTemporality and IsMonotonic. */
    private void numberPoint(RowsEncoder table, WireReader point, boolean sum, int temporality, boolean monotonic)
            throws InvalidProtocolBufferException {
        long start = 0;
        long time = 0;
        long valueBits = 0;
        boolean isInt = false;
        int flags = 0;
        list.clear();
        exemplars.clear();
        while (point.hasMore()) {
            int tag = point.tag();
            if (tag == NUMBER_ATTRIBUTE) {
                point.lengthDelimited();
                list.add(point.start(), point.end());
            } else if (tag == START_TIME) {
                start = point.fixed64();
            } else if (tag == TIME) {
                time = point.fixed64();
            } else if (tag == NUMBER_AS_DOUBLE || tag == NUMBER_AS_INT) {
                // A oneof: the last of its members on the wire is the one it holds.
                valueBits = point.fixed64();
                isInt = tag == NUMBER_AS_INT;
            } else if (tag == NUMBER_EXEMPLAR) {
                point.lengthDelimited();
                exemplars.add(point.start(), point.end());
            } else if (tag == NUMBER_FLAGS) {
                flags = (int) point.varint();
            } else {
                point.skip(tag);
            }
        }
        RowBinaryBuffer out = startRow(table, start, time);
        out.float64(isInt ? (double) valueBits : Double.longBitsToDouble(valueBits));
        out.int32(flags);
        exemplars(out);
        if (sum) {
            out.int32(temporality);
            out.uint8(monotonic ? 1 : 0);
        }
        table.endRow(time);
    }

    private void histogramPoint(WireReader point, int temporality) throws InvalidProtocolBufferException {
        long start = 0;
        long time = 0;
        long count = 0;
        long sum = 0;
        long min = 0;
        long max = 0;
        int flags = 0;
        list.clear();
        exemplars.clear();
        first.clear();
        second.clear();
        while (point.hasMore()) {
            int tag = point.tag();
            int field = tag >>> 3;
            if (tag == HISTOGRAM_ATTRIBUTE) {
                point.lengthDelimited();
                list.add(point.start(), point.end());
            } else if (tag == START_TIME) {
                start = point.fixed64();
            } else if (tag == TIME) {
                time = point.fixed64();
            } else if (tag == COUNT) {
                count = point.fixed64();
            } else if (tag == POINT_SUM) {
                sum = point.fixed64();
            } else if (field == HISTOGRAM_BUCKET_COUNTS && first.readFixed64(point, tag)) {
                continue;
            } else if (field == HISTOGRAM_EXPLICIT_BOUNDS && second.readFixed64(point, tag)) {
                continue;
            } else if (tag == HISTOGRAM_EXEMPLAR) {
                point.lengthDelimited();
                exemplars.add(point.start(), point.end());
            } else if (tag == HISTOGRAM_FLAGS) {
                flags = (int) point.varint();
            } else if (tag == HISTOGRAM_MIN) {
                min = point.fixed64();
            } else if (tag == HISTOGRAM_MAX) {
                max = point.fixed64();
            } else {
                point.skip(tag);
            }
        }
        RowBinaryBuffer out = startRow(histograms, start, time);
        // Count, Sum (Float64: its bits as they are), BucketCounts, ExplicitBounds (Float64 bits), Exemplars, Flags,
        // Min, Max, AggregationTemporality.
        out.int64(count);
        out.int64(sum);
        first.write(out);
        second.write(out);
        exemplars(out);
        out.int32(flags);
        out.int64(min);
        out.int64(max);
        out.int32(temporality);
        histograms.endRow(time);
    }

    private void exponentialPoint(WireReader point, int temporality) throws InvalidProtocolBufferException {
        long start = 0;
        long time = 0;
        long count = 0;
        long sum = 0;
        int scale = 0;
        long zeroCount = 0;
        WireReader positive = null;
        WireReader negative = null;
        long min = 0;
        long max = 0;
        int flags = 0;
        list.clear();
        exemplars.clear();
        while (point.hasMore()) {
            int tag = point.tag();
            if (tag == EXPONENTIAL_ATTRIBUTE) {
                point.lengthDelimited();
                list.add(point.start(), point.end());
            } else if (tag == START_TIME) {
                start = point.fixed64();
            } else if (tag == TIME) {
                time = point.fixed64();
            } else if (tag == COUNT) {
                count = point.fixed64();
            } else if (tag == POINT_SUM) {
                sum = point.fixed64();
            } else if (tag == EXPONENTIAL_SCALE) {
                scale = zigZag((int) point.varint());
            } else if (tag == EXPONENTIAL_ZERO_COUNT) {
                zeroCount = point.fixed64();
            } else if (tag == EXPONENTIAL_POSITIVE) {
                point.lengthDelimited();
                positive = WireFields.once(positive, point.nested());
            } else if (tag == EXPONENTIAL_NEGATIVE) {
                point.lengthDelimited();
                negative = WireFields.once(negative, point.nested());
            } else if (tag == EXPONENTIAL_EXEMPLAR) {
                point.lengthDelimited();
                exemplars.add(point.start(), point.end());
            } else if (tag == EXPONENTIAL_FLAGS) {
                flags = (int) point.varint();
            } else if (tag == EXPONENTIAL_MIN) {
                min = point.fixed64();
            } else if (tag == EXPONENTIAL_MAX) {
                max = point.fixed64();
            } else {
                point.skip(tag);
            }
        }
        RowBinaryBuffer out = startRow(exponentialHistograms, start, time);
        // Count, Sum, Scale, ZeroCount, PositiveOffset, PositiveBucketCounts, NegativeOffset, NegativeBucketCounts,
        // Exemplars, Flags, Min, Max, AggregationTemporality.
        out.int64(count);
        out.int64(sum);
        out.int32(scale);
        out.int64(zeroCount);
        out.int32(buckets(positive, first));
        first.write(out);
        out.int32(buckets(negative, second));
        second.write(out);
        exemplars(out);
        out.int32(flags);
        out.int64(min);
        out.int64(max);
        out.int32(temporality);
        exponentialHistograms.endRow(time);
    }

    /** Reads an exponential histogram's buckets (none when absent) into {@code counts}; returns their offset. */
    private static int buckets(WireReader buckets, Longs counts) throws InvalidProtocolBufferException {
        counts.clear();
        int offset = 0;
        while (buckets != null && buckets.hasMore()) {
            int tag = buckets.tag();
            if (tag == BUCKETS_OFFSET) {
                offset = zigZag((int) buckets.varint());
            } else if ((tag >>> 3) == BUCKETS_COUNTS && counts.readVarints(buckets, tag)) {
                continue;
            } else {
                buckets.skip(tag);
            }
        }
        return offset;
    }

    private void summaryPoint(WireReader point) throws InvalidProtocolBufferException {
        long start = 0;
        long time = 0;
        long count = 0;
        long sum = 0;
        int flags = 0;
        list.clear();
        quantiles.clear();
        while (point.hasMore()) {
            int tag = point.tag();
            if (tag == SUMMARY_ATTRIBUTE) {
                point.lengthDelimited();
                list.add(point.start(), point.end());
            } else if (tag == START_TIME) {
                start = point.fixed64();
            } else if (tag == TIME) {
                time = point.fixed64();
            } else if (tag == COUNT) {
                count = point.fixed64();
            } else if (tag == POINT_SUM) {
                sum = point.fixed64();
            } else if (tag == SUMMARY_QUANTILE_VALUE) {
                point.lengthDelimited();
                quantiles.add(point.start(), point.end());
            } else if (tag == SUMMARY_FLAGS) {
                flags = (int) point.varint();
            } else {
                point.skip(tag);
            }
        }
        first.clear();
        second.clear();
        for (int i = 0; i < quantiles.size(); i++) {
            WireReader quantile = quantiles.reader(export, i);
            long q = 0;
            long value = 0;
            while (quantile.hasMore()) {
                int tag = quantile.tag();
                if (tag == QUANTILE) {
                    q = quantile.fixed64();
                } else if (tag == QUANTILE_VALUE) {
                    value = quantile.fixed64();
                } else {
                    quantile.skip(tag);
                }
            }
            first.add(q);
            second.add(value);
        }
        RowBinaryBuffer out = startRow(summaries, start, time);
        // Count, Sum, ValueAtQuantiles.Quantile, ValueAtQuantiles.Value (Float64 bits), Flags.
        out.int64(count);
        out.int64(sum);
        first.write(out);
        second.write(out);
        out.int32(flags);
        summaries.endRow(time);
    }

    /** Starts a point's row: the metric's shared columns, then Attributes, StartTimeUnix and TimeUnix. */
    private RowBinaryBuffer startRow(RowsEncoder table, long start, long time) throws InvalidProtocolBufferException {
        RowBinaryBuffer out = table.buffer();
        out.append(shared);
        attributes.write(out, list);
        out.dateTime(start);
        out.dateTime(time);
        return out;
    }

    /** The Nested column Exemplars of the point just read, as its five parallel arrays. */
    private void exemplars(RowBinaryBuffer out) throws InvalidProtocolBufferException {
        int count = exemplars.size();
        out.varUInt(count);
        for (int i = 0; i < count; i++) {
            WireFields.repeated(exemplars.reader(export, i), EXEMPLAR_ATTRIBUTE, exemplarAttributes);
            attributes.write(out, exemplarAttributes);
        }
        out.varUInt(count);
        for (int i = 0; i < count; i++) {
            out.dateTime(exemplarField(i, EXEMPLAR_TIME));
        }
        out.varUInt(count);
        for (int i = 0; i < count; i++) {
            out.float64(exemplarValue(i));
        }
        out.varUInt(count);
        for (int i = 0; i < count; i++) {
            exemplarId(out, i, EXEMPLAR_SPAN_ID, 8);
        }
        out.varUInt(count);
        for (int i = 0; i < count; i++) {
            exemplarId(out, i, EXEMPLAR_TRACE_ID, 16);
        }
    }

    /** The exemplar's last value of a fixed64 field, 0 without one. */
    private long exemplarField(int i, int fieldTag) throws InvalidProtocolBufferException {
        WireReader exemplar = exemplars.reader(export, i);
        long value = 0;
        while (exemplar.hasMore()) {
            int tag = exemplar.tag();
            if (tag == fieldTag) {
                value = exemplar.fixed64();
            } else {
                exemplar.skip(tag);
            }
        }
        return value;
    }

    /** The exemplar's value: the last of the oneof's members on the wire, 0 without one. */
    private double exemplarValue(int i) throws InvalidProtocolBufferException {
        WireReader exemplar = exemplars.reader(export, i);
        double value = 0;
        while (exemplar.hasMore()) {
            int tag = exemplar.tag();
            if (tag == EXEMPLAR_AS_DOUBLE) {
                value = Double.longBitsToDouble(exemplar.fixed64());
            } else if (tag == EXEMPLAR_AS_INT) {
                value = exemplar.fixed64();
            } else {
                exemplar.skip(tag);
            }
        }
        return value;
    }

    /** pdata's exemplar ids are fixed-width arrays: an absent id reads as zeros, and the exporter writes them all. */
    private void exemplarId(RowBinaryBuffer out, int i, int fieldTag, int width) throws InvalidProtocolBufferException {
        WireReader exemplar = exemplars.reader(export, i);
        exemplar.last(fieldTag, false);
        if (exemplar.start() == exemplar.end()) {
            out.hexString(new byte[width], 0, width);
        } else {
            out.hexString(export, exemplar.start(), exemplar.end());
        }
    }

    private static int zigZag(int n) {
        return (n >>> 1) ^ -(n & 1);
    }

    /**
     * The values of a repeated numeric field, which protobuf accepts packed (one length-delimited run) and unpacked
     * (one value per tag), in any mix; each becomes an Array column.
     */
    private static final class Longs {
        private long[] values = new long[64];
        private int size;

        void clear() {
            size = 0;
        }

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        /** Reads a fixed64 or double value, or a packed run of them; false when the wire type is neither. */
        boolean readFixed64(WireReader message, int tag) throws InvalidProtocolBufferException {
            if ((tag & 7) == FIXED64) {
                add(message.fixed64());
                return true;
            }
            if ((tag & 7) != LENGTH_DELIMITED) {
                return false;
            }
            message.lengthDelimited();
            WireReader packed = message.nested();
            while (packed.hasMore()) {
                add(packed.fixed64());
            }
            return true;
        }

        /** Reads a varint value, or a packed run of them; false when the wire type is neither. */
        boolean readVarints(WireReader message, int tag) throws InvalidProtocolBufferException {
            if ((tag & 7) == VARINT) {
                add(message.varint());
                return true;
            }
            if ((tag & 7) != LENGTH_DELIMITED) {
                return false;
            }
            message.lengthDelimited();
            WireReader packed = message.nested();
            while (packed.hasMore()) {
                add(packed.varint());
            }
            return true;
        }

        /** Array(UInt64) or Array(Float64): the count, then each value's 8 bytes. */
        void write(RowBinaryBuffer out) {
            out.varUInt(size);
            for (int i = 0; i < size; i++) {
                out.int64(values[i]);
            }
        }
    }
}
