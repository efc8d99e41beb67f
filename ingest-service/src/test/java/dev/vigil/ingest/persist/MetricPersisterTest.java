package dev.vigil.ingest.persist;

import static dev.vigil.ingest.persist.StoredRows.items;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clickhouse.client.api.Client;
import com.google.protobuf.ByteString;
import dev.vigil.contracts.Headers;
import dev.vigil.contracts.Topics;
import dev.vigil.devstack.testing.DevStackResource;
import dev.vigil.ingest.consume.CommitMetadata;
import dev.vigil.ingest.consume.ConsumerLoop;
import dev.vigil.ingest.consume.ConsumerLoops;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleGauge;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.internal.otlp.metrics.MetricsRequestMarshaler;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentSelector;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.View;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Metrics from Kafka into the five otel_metrics_* tables, read back field by field. */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class MetricPersisterTest {
    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final String SPAN_ID = "b7ad6b7169203331";
    /** Two minutes ago: points older than the retention would be dropped at once. */
    private static final long BASE = (Instant.now().getEpochSecond() - 120) * 1_000_000_000L;
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final List<String> POINT = List.of("ResourceAttributes", "ResourceSchemaUrl", "ScopeName",
            "ScopeVersion", "ScopeAttributes", "ScopeDroppedAttrCount", "ScopeSchemaUrl", "ServiceName", "MetricName",
            "MetricDescription", "MetricUnit", "Attributes", "StartTimeUnix", "TimeUnix", "Flags");
    private static final String POINT_SQL = items("ResourceAttributes") + ", ResourceSchemaUrl, ScopeName, ScopeVersion, "
            + items("ScopeAttributes") + ", toString(ScopeDroppedAttrCount) AS ScopeDroppedAttrCount, ScopeSchemaUrl,"
            + " ServiceName, MetricName, MetricDescription, MetricUnit, " + items("Attributes")
            + ", toString(StartTimeUnix, 'UTC') AS StartTimeUnix, toString(TimeUnix, 'UTC') AS TimeUnix,"
            + " toString(Flags) AS Flags";
    private static final String EXEMPLARS_SQL = ", toString(Exemplars.FilteredAttributes) AS ExemplarAttributes,"
            + " toString(arrayMap(t -> toString(t, 'UTC'), Exemplars.TimeUnix)) AS ExemplarTimes,"
            + " toString(Exemplars.Value) AS ExemplarValues, toString(Exemplars.SpanId) AS ExemplarSpanIds,"
            + " toString(Exemplars.TraceId) AS ExemplarTraceIds";
    private static final List<String> EXEMPLARS = List.of("ExemplarAttributes", "ExemplarTimes", "ExemplarValues",
            "ExemplarSpanIds", "ExemplarTraceIds");

    @Inject
    Client clickHouse;

    @Inject
    MeterRegistry registry;

    @Inject
    MetricStore metricStore;

    @Inject
    PersistStage stage;

    @Inject
    ConsumerLoops loops;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    TestBus bus;
    StoredRows stored;
    String run;

    @BeforeEach
    void setUp() {
        bus = new TestBus(bootstrapServers);
        stored = new StoredRows(clickHouse);
        run = UUID.randomUUID().toString();
    }

    @Test
    void storesEveryPointTypeIntoItsTableFieldByField() throws IOException {
        ExportMetricsServiceRequest request = withProtobufOnlyPoints(metrics(run));
        String pipeline = "metrics-" + run;
        bus.publish(Topics.OTLP_METRICS, run, List.of(request.toByteArray()), TestBus.headers(pipeline, true));

        await().atMost(TestBus.WITHIN).untilAsserted(() -> {
            assertThat(count("otel_metrics_gauge")).isEqualTo(1);
            assertThat(count("otel_metrics_sum")).isEqualTo(2);
            assertThat(count("otel_metrics_histogram")).isEqualTo(1);
            assertThat(count("otel_metrics_exponential_histogram")).isEqualTo(2);
            assertThat(count("otel_metrics_summary")).isEqualTo(1);
        });
        Map<String, Metric> sent = request.getResourceMetrics(0).getScopeMetrics(0).getMetricsList().stream()
                .collect(Collectors.toMap(Metric::getName, m -> m));

        var gaugePoint = sent.get("queue.depth").getGauge().getDataPoints(0);
        assertThat(row("otel_metrics_gauge", "queue.depth", ", toString(Value) AS Value" + EXEMPLARS_SQL,
                List.of("Value"))).containsExactlyInAnyOrderEntriesOf(merge(
                point("queue.depth", "Messages waiting", "{message}", "queue=orders",
                        gaugePoint.getStartTimeUnixNano(), gaugePoint.getTimeUnixNano(), 0),
                Map.of("Value", "7.5"),
                exemplars("[{}]", gaugePoint.getExemplars(0).getTimeUnixNano(), "[7.5]")));

        var orders = sent.get("orders").getSum().getDataPoints(0);
        assertThat(row("otel_metrics_sum", "orders", ", toString(Value) AS Value, toString(AggregationTemporality)"
                + " AS AggregationTemporality, toString(IsMonotonic) AS IsMonotonic" + EXEMPLARS_SQL,
                List.of("Value", "AggregationTemporality", "IsMonotonic"))).containsExactlyInAnyOrderEntriesOf(merge(
                point("orders", "Orders placed", "{order}", "channel=web", orders.getStartTimeUnixNano(),
                        orders.getTimeUnixNano(), 0),
                Map.of("Value", "7", "AggregationTemporality", "2", "IsMonotonic", "true"),
                exemplars("[{}]", orders.getExemplars(0).getTimeUnixNano(), "[3]")));
        var stock = sent.get("stock").getSum().getDataPoints(0);
        assertThat(row("otel_metrics_sum", "stock", ", toString(Value) AS Value, toString(AggregationTemporality)"
                + " AS AggregationTemporality, toString(IsMonotonic) AS IsMonotonic, toString(length(Exemplars.Value))"
                + " AS ExemplarCount", List.of("Value", "AggregationTemporality", "IsMonotonic", "ExemplarCount")))
                .containsExactlyInAnyOrderEntriesOf(merge(
                        point("stock", "Items in stock", "{item}", "sku=A-1", stock.getStartTimeUnixNano(),
                                stock.getTimeUnixNano(), 0),
                        Map.of("Value", "7", "AggregationTemporality", "2", "IsMonotonic", "false", "ExemplarCount", "0")));

        var latency = sent.get("latency").getHistogram().getDataPoints(0);
        assertThat(row("otel_metrics_histogram", "latency", ", toString(Count) AS Count, toString(Sum) AS Sum,"
                + " toString(BucketCounts) AS BucketCounts, toString(ExplicitBounds) AS ExplicitBounds,"
                + " toString(Min) AS Min, toString(Max) AS Max, toString(AggregationTemporality) AS AggregationTemporality"
                + EXEMPLARS_SQL, List.of("Count", "Sum", "BucketCounts", "ExplicitBounds", "Min", "Max",
                "AggregationTemporality"))).containsExactlyInAnyOrderEntriesOf(merge(
                point("latency", "Request latency", "ms", "route=/orders", latency.getStartTimeUnixNano(),
                        latency.getTimeUnixNano(), 0),
                Map.of("Count", "3", "Sum", "40", "BucketCounts", "[1,1,0,1]", "ExplicitBounds", "[5,10,25]",
                        "Min", "3", "Max", "30", "AggregationTemporality", "2"),
                Map.of("ExemplarAttributes", "[{'user':'u-1'},{'user':'u-3'}]",
                        "ExemplarTimes", "['" + seconds(latency.getExemplars(0).getTimeUnixNano()) + "','"
                                + seconds(latency.getExemplars(1).getTimeUnixNano()) + "']",
                        "ExemplarValues", "[3,30]",
                        "ExemplarSpanIds", "['" + SPAN_ID + "','" + SPAN_ID + "']",
                        "ExemplarTraceIds", "['" + TRACE_ID + "','" + TRACE_ID + "']")));

        String expColumns = ", toString(Count) AS Count, toString(Sum) AS Sum, toString(Scale) AS Scale,"
                + " toString(ZeroCount) AS ZeroCount, toString(PositiveOffset) AS PositiveOffset,"
                + " toString(PositiveBucketCounts) AS PositiveBucketCounts, toString(NegativeOffset) AS NegativeOffset,"
                + " toString(NegativeBucketCounts) AS NegativeBucketCounts, toString(Min) AS Min, toString(Max) AS Max,"
                + " toString(AggregationTemporality) AS AggregationTemporality";
        List<String> expNames = List.of("Count", "Sum", "Scale", "ZeroCount", "PositiveOffset", "PositiveBucketCounts",
                "NegativeOffset", "NegativeBucketCounts", "Min", "Max", "AggregationTemporality");
        var payload = sent.get("payload.size").getExponentialHistogram().getDataPoints(0);
        assertThat(row("otel_metrics_exponential_histogram", "payload.size", expColumns, expNames))
                .containsExactlyInAnyOrderEntriesOf(merge(
                        point("payload.size", "Payload size", "By", "", payload.getStartTimeUnixNano(),
                                payload.getTimeUnixNano(), 0),
                        Map.ofEntries(Map.entry("Count", "4"), Map.entry("Sum", "7"),
                                Map.entry("Scale", Integer.toString(payload.getScale())), Map.entry("ZeroCount", "1"),
                                Map.entry("PositiveOffset", Integer.toString(payload.getPositive().getOffset())),
                                Map.entry("PositiveBucketCounts", payload.getPositive().getBucketCountsList().stream()
                                        .map(String::valueOf).collect(Collectors.joining(",", "[", "]"))),
                                Map.entry("NegativeOffset", "0"), Map.entry("NegativeBucketCounts", "[]"),
                                Map.entry("Min", "0"), Map.entry("Max", "4"), Map.entry("AggregationTemporality", "2"))));
        // Every bucket count of the SDK's point is one of the three positive values.
        assertThat(payload.getPositive().getBucketCountsList().stream().mapToLong(Long::longValue).sum()).isEqualTo(3);
        assertThat(row("otel_metrics_exponential_histogram", "temperature.delta", expColumns
                + ", toString(Exemplars.TraceId) AS ExemplarTraceIds, toString(Exemplars.SpanId) AS ExemplarSpanIds,"
                + " toString(Exemplars.Value) AS ExemplarValues",
                List.of("Count", "Sum", "Scale", "ZeroCount", "PositiveOffset", "PositiveBucketCounts", "NegativeOffset",
                        "NegativeBucketCounts", "Min", "Max", "AggregationTemporality", "ExemplarTraceIds",
                        "ExemplarSpanIds", "ExemplarValues")))
                .containsExactlyInAnyOrderEntriesOf(merge(
                        point("temperature.delta", "", "Cel", "sensor=s-9", BASE,
                                BASE + 60_500_000_000L, 0),
                        Map.ofEntries(Map.entry("Count", "6"), Map.entry("Sum", "-9.5"), Map.entry("Scale", "-2"),
                                Map.entry("ZeroCount", "1"), Map.entry("PositiveOffset", "3"),
                                Map.entry("PositiveBucketCounts", "[1]"), Map.entry("NegativeOffset", "-1"),
                                Map.entry("NegativeBucketCounts", "[2,0,2]"), Map.entry("Min", "-20"),
                                Map.entry("Max", "8"), Map.entry("AggregationTemporality", "1"),
                                // An exemplar without ids: the exporter writes pdata's zero ids in full.
                                Map.entry("ExemplarTraceIds", "['00000000000000000000000000000000']"),
                                Map.entry("ExemplarSpanIds", "['0000000000000000']"),
                                Map.entry("ExemplarValues", "[-4]"))));

        assertThat(row("otel_metrics_summary", "rpc.duration", ", toString(Count) AS Count, toString(Sum) AS Sum,"
                + " toString(ValueAtQuantiles.Quantile) AS Quantiles, toString(ValueAtQuantiles.Value) AS QuantileValues",
                List.of("Count", "Sum", "Quantiles", "QuantileValues"))).containsExactlyInAnyOrderEntriesOf(merge(
                point("rpc.duration", "RPC duration", "s", "method=Get", BASE,
                        BASE + 60_000_000_000L, 1),
                Map.of("Count", "10", "Sum", "4.25", "Quantiles", "[0,0.5,0.99,1]",
                        "QuantileValues", "[0.05,0.3,1.2,1.5]")));

        // Counted once the batch is committed, which follows the insert the rows were seen by.
        await().atMost(TestBus.WITHIN).untilAsserted(() -> assertThat(registry.find("vigil.pipeline.items")
                .tags("signal", "metrics", "pipeline", pipeline, "outcome", "stored").counters())
                .singleElement().satisfies(c -> assertThat(c.count()).isEqualTo(7.0)));
    }

    @Test
    void aReplayedBatchStoresNothingTwiceInAnyTable() throws Exception {
        String topic = "test.replay.metrics." + run;
        String group = "test-replay-" + run;
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            values.add(withProtobufOnlyPoints(metrics(run)).toByteArray());
        }
        bus.publish(topic, 0, run, values, TestBus.headers("default", true));

        runUntilCommitted(topic, group, 3);
        Map<String, Long> first = counts();
        assertThat(first).containsExactlyInAnyOrderEntriesOf(Map.of("otel_metrics_gauge", 3L, "otel_metrics_sum", 6L,
                "otel_metrics_histogram", 3L, "otel_metrics_exponential_histogram", 6L, "otel_metrics_summary", 3L));

        // As after a crash between the inserts and the commit: the offset back at the batch, marked pending.
        resetOffset(topic, group, new OffsetAndMetadata(0, CommitMetadata.pending(2)));
        runUntilCommitted(topic, group, 3);
        assertThat(counts()).isEqualTo(first);
    }

    @Test
    void sendsAnUndecodableRecordToTheDeadLetterTopicAndStoresWhatFollows() throws IOException {
        String key = "garbage-metrics-" + run;
        bus.publish(Topics.OTLP_METRICS, key, List.of(new byte[] {0x0A, 100, 1, 2}, metrics(run).toByteArray()),
                TestBus.headers("default", true));

        await().atMost(TestBus.WITHIN).untilAsserted(() -> assertThat(count("otel_metrics_gauge")).isEqualTo(1));
        ConsumerRecord<byte[], byte[]> deadLetter = bus.deadLetter(key);
        assertThat(deadLetter.value()).containsExactly(0x0A, 100, 1, 2);
        assertThat(TestBus.header(deadLetter, Headers.DEADLETTER_REASON))
                .startsWith("not an OTLP ExportMetricsServiceRequest");
        assertThat(TestBus.header(deadLetter, Headers.DEADLETTER_SOURCE_TOPIC)).isEqualTo(Topics.OTLP_METRICS);
    }

    @Test
    void storesNothingOfARecordItsPipelineOnlyForwards() throws IOException {
        bus.publish(Topics.OTLP_METRICS, run, List.of(withProtobufOnlyPoints(metrics(run)).toByteArray()),
                TestBus.headers("forward-only", false));
        String marker = UUID.randomUUID().toString();
        bus.publish(Topics.OTLP_METRICS, run, List.of(metrics(marker).toByteArray()), TestBus.headers("default", true));

        // The record after it, on the same partition, is stored: the one before was read and passed over.
        await().atMost(TestBus.WITHIN).untilAsserted(() -> assertThat(stored.count(
                "SELECT count() FROM vigil.otel_metrics_gauge WHERE ResourceAttributes['test.run'] = '" + marker + "'"))
                .isEqualTo(1));
        assertThat(counts().values()).containsOnly(0L);
    }

    private Map<String, String> row(String table, String metric, String columnsSql, List<String> columns) {
        List<String> names = new ArrayList<>(POINT);
        names.addAll(columns);
        if (columnsSql.contains("ExemplarAttributes")) {
            names.addAll(EXEMPLARS);
        }
        return stored.one("SELECT " + POINT_SQL + columnsSql + " FROM vigil." + table
                + " WHERE ResourceAttributes['test.run'] = '" + run + "' AND MetricName = '" + metric + "'", names);
    }

    private Map<String, String> point(String name, String description, String unit, String attributes, long start,
            long time, int flags) {
        return Map.ofEntries(
                Map.entry("ResourceAttributes", "service.name=inventory, test.run=" + run),
                Map.entry("ResourceSchemaUrl", "https://opentelemetry.io/schemas/1.26.0"),
                Map.entry("ScopeName", "com.example.inventory"),
                Map.entry("ScopeVersion", "3.0.0"),
                Map.entry("ScopeAttributes", "owner=stock-team"),
                Map.entry("ScopeDroppedAttrCount", "2"),
                Map.entry("ScopeSchemaUrl", "https://opentelemetry.io/schemas/1.21.0"),
                Map.entry("ServiceName", "inventory"),
                Map.entry("MetricName", name),
                Map.entry("MetricDescription", description),
                Map.entry("MetricUnit", unit),
                Map.entry("Attributes", attributes),
                Map.entry("StartTimeUnix", seconds(start)),
                Map.entry("TimeUnix", seconds(time)),
                Map.entry("Flags", Integer.toString(flags)));
    }

    private static Map<String, String> exemplars(String attributes, long time, String values) {
        return Map.of("ExemplarAttributes", attributes, "ExemplarTimes", "['" + seconds(time) + "']",
                "ExemplarValues", values, "ExemplarSpanIds", "['" + SPAN_ID + "']",
                "ExemplarTraceIds", "['" + TRACE_ID + "']");
    }

    @SafeVarargs
    private static Map<String, String> merge(Map<String, String>... parts) {
        Map<String, String> all = new java.util.HashMap<>();
        for (Map<String, String> p : parts) {
            all.putAll(p);
        }
        return all;
    }

    private static String seconds(long epochNanos) {
        return SECONDS.format(Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L)));
    }

    private long count(String table) {
        return stored.count("SELECT count() FROM vigil." + table + " WHERE ResourceAttributes['test.run'] = '" + run + "'");
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new java.util.HashMap<>();
        for (String table : List.of("otel_metrics_gauge", "otel_metrics_sum", "otel_metrics_histogram",
                "otel_metrics_exponential_histogram", "otel_metrics_summary")) {
            counts.put(table, count(table));
        }
        return counts;
    }

    /** Runs a consumer loop of its own on the topic until the group committed {@code end}, then stops it. */
    private void runUntilCommitted(String topic, String group, long end) throws InterruptedException {
        ConsumerLoop<?> loop = stage.start(metricStore, group, topic, group);
        try {
            // Generous: finding a refused record takes several inserts, and a loaded machine makes each slow.
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(committed(topic, group)).isEqualTo(end));
        } finally {
            loops.stop(loop, Duration.ofSeconds(30));
        }
    }

    private long committed(String topic, String group) {
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(group)) {
            OffsetAndMetadata offset = consumer.committed(Set.of(tp)).get(tp);
            return offset == null ? -1 : offset.offset();
        }
    }

    private void resetOffset(String topic, String group, OffsetAndMetadata offset) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(group)) {
            consumer.commitSync(Map.of(new TopicPartition(topic, 0), offset));
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer(String group) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * A gauge, a monotonic and a non-monotonic sum, an explicit-bucket and an exponential histogram,
     * recorded with the SDK (exemplars from a sampled span context) and serialized by its OTLP marshaler.
     */
    static ExportMetricsServiceRequest metrics(String run) throws IOException {
        CapturingReader reader = new CapturingReader();
        Resource resource = Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "inventory",
                AttributeKey.stringKey("test.run"), run), "https://opentelemetry.io/schemas/1.26.0");
        Context traced = Context.root().with(Span.wrap(SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(),
                TraceState.getDefault())));
        try (SdkMeterProvider provider = SdkMeterProvider.builder().setResource(resource).registerMetricReader(reader)
                .registerView(InstrumentSelector.builder().setName("latency").build(), View.builder()
                        .setAggregation(Aggregation.explicitBucketHistogram(List.of(5.0, 10.0, 25.0)))
                        .setAttributeFilter(Set.of("route")).build())
                .registerView(InstrumentSelector.builder().setName("payload.size").build(), View.builder()
                        .setAggregation(Aggregation.base2ExponentialBucketHistogram(160, 20)).build())
                .build()) {
            Meter meter = provider.meterBuilder("com.example.inventory").setInstrumentationVersion("3.0.0")
                    .setSchemaUrl("https://opentelemetry.io/schemas/1.21.0").build();
            DoubleGauge gauge = meter.gaugeBuilder("queue.depth").setDescription("Messages waiting")
                    .setUnit("{message}").build();
            gauge.set(7.5, Attributes.of(AttributeKey.stringKey("queue"), "orders"), traced);
            LongCounter orders = meter.counterBuilder("orders").setDescription("Orders placed").setUnit("{order}").build();
            orders.add(3, Attributes.of(AttributeKey.stringKey("channel"), "web"), traced);
            orders.add(4, Attributes.of(AttributeKey.stringKey("channel"), "web"));
            LongUpDownCounter stock = meter.upDownCounterBuilder("stock").setDescription("Items in stock")
                    .setUnit("{item}").build();
            stock.add(10, Attributes.of(AttributeKey.stringKey("sku"), "A-1"));
            stock.add(-3, Attributes.of(AttributeKey.stringKey("sku"), "A-1"));
            DoubleHistogram latency = meter.histogramBuilder("latency").setDescription("Request latency").setUnit("ms")
                    .build();
            latency.record(3, Attributes.of(AttributeKey.stringKey("route"), "/orders",
                    AttributeKey.stringKey("user"), "u-1"), traced);
            latency.record(7, Attributes.of(AttributeKey.stringKey("route"), "/orders",
                    AttributeKey.stringKey("user"), "u-2"));
            latency.record(30, Attributes.of(AttributeKey.stringKey("route"), "/orders",
                    AttributeKey.stringKey("user"), "u-3"), traced);
            DoubleHistogram payload = meter.histogramBuilder("payload.size").setDescription("Payload size").setUnit("By")
                    .build();
            for (double v : new double[] {0, 1, 2, 4}) {
                payload.record(v);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MetricsRequestMarshaler.create(reader.collect()).writeBinaryTo(out);
            return ExportMetricsServiceRequest.parseFrom(out.toByteArray());
        }
    }

    /**
     * Adds what the SDK cannot produce: a summary (with a flag), an exponential histogram with negative
     * buckets and an exemplar without ids, and scope attributes and a dropped-attribute count.
     */
    static ExportMetricsServiceRequest withProtobufOnlyPoints(ExportMetricsServiceRequest request) {
        ExportMetricsServiceRequest.Builder builder = request.toBuilder();
        ScopeMetrics.Builder scope = builder.getResourceMetricsBuilder(0).getScopeMetricsBuilder(0);
        scope.getScopeBuilder().addAttributes(kv("owner", "stock-team")).setDroppedAttributesCount(2);
        scope.addMetrics(Metric.newBuilder().setName("rpc.duration").setDescription("RPC duration").setUnit("s")
                .setSummary(Summary.newBuilder().addDataPoints(SummaryDataPoint.newBuilder()
                        .addAttributes(kv("method", "Get"))
                        .setStartTimeUnixNano(BASE).setTimeUnixNano(BASE + 60_000_000_000L)
                        .setCount(10).setSum(4.25).setFlags(1)
                        .addQuantileValues(quantile(0, 0.05)).addQuantileValues(quantile(0.5, 0.3))
                        .addQuantileValues(quantile(0.99, 1.2)).addQuantileValues(quantile(1, 1.5)))));
        scope.addMetrics(Metric.newBuilder().setName("temperature.delta").setUnit("Cel")
                .setExponentialHistogram(ExponentialHistogram.newBuilder()
                        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                        .addDataPoints(ExponentialHistogramDataPoint.newBuilder()
                                .addAttributes(kv("sensor", "s-9"))
                                .setStartTimeUnixNano(BASE)
                                .setTimeUnixNano(BASE + 60_500_000_000L)
                                .setCount(6).setSum(-9.5).setScale(-2).setZeroCount(1).setMin(-20).setMax(8)
                                .setPositive(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(3)
                                        .addBucketCounts(1))
                                .setNegative(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(-1)
                                        .addBucketCounts(2).addBucketCounts(0).addBucketCounts(2))
                                .addExemplars(Exemplar.newBuilder().setAsInt(-4)
                                        .setTimeUnixNano(BASE + 30_000_000_000L)))));
        return builder.build();
    }

    private static SummaryDataPoint.ValueAtQuantile quantile(double q, double v) {
        return SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(q).setValue(v).build();
    }

    private static KeyValue kv(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    /** A reader that collects on demand, cumulative like the SDK's default. */
    private static final class CapturingReader implements MetricReader {
        private CollectionRegistration registration = CollectionRegistration.noop();

        @Override
        public void register(CollectionRegistration registration) {
            this.registration = registration;
        }

        Collection<MetricData> collect() {
            return registration.collectAllMetrics();
        }

        @Override
        public io.opentelemetry.sdk.metrics.data.AggregationTemporality getAggregationTemporality(
                InstrumentType instrumentType) {
            return io.opentelemetry.sdk.metrics.data.AggregationTemporality.CUMULATIVE;
        }

        @Override
        public CompletableResultCode forceFlush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
