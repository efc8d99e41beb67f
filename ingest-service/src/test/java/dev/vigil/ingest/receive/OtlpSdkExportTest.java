package dev.vigil.ingest.receive;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.contracts.Headers;
import dev.vigil.contracts.Topics;
import dev.vigil.devstack.testing.DevStackResource;
import io.opentelemetry.exporter.internal.otlp.logs.LogsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.metrics.MetricsRequestMarshaler;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.ToIntFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the OpenTelemetry SDK sends, over every transport and encoding, is what lands on the bus:
 * read back with a real consumer, equal to the SDK's own protobuf of the same data, ids included.
 */
@QuarkusTest
@QuarkusTestResource(value = DevStackResource.class, restrictToAnnotatedClass = false)
class OtlpSdkExportTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ParameterizedTest
    @EnumSource(Sender.class)
    void publishesTheSdksSpansUnchangedKeyedByTraceId(Sender sender) throws InvalidProtocolBufferException {
        String service = "sdk-traces-" + sender + "-" + UUID.randomUUID();
        List<SpanData> spans = SdkTelemetry.spans(service);
        ExportTraceServiceRequest sent = ExportTraceServiceRequest.parseFrom(
                Sender.protobuf(TraceRequestMarshaler.create(spans)));
        long before = nanos(Instant.now());

        assertThat(sender.spans(spans)).as("export acknowledged").isTrue();

        List<ConsumerRecord<byte[], byte[]>> records = published(Topics.OTLP_TRACES, service,
                r -> Flattened.traces(parse(ExportTraceServiceRequest.parser(), r)).size(), 3);
        int partitions = PublishedRecords.partitions(bootstrapServers, Topics.OTLP_TRACES);
        List<Flattened> received = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            ExportTraceServiceRequest part = ExportTraceServiceRequest.parseFrom(record.value());
            List<Flattened> items = Flattened.traces(part);
            received.addAll(items);
            // Every span of a trace on the partition Kafka's partitioner gives its trace id.
            assertThat(items).extracting(f -> RecordSplitter.partitionOf(hex(((Span) f.item()).getTraceId()
                    .toByteArray()), partitions)).containsOnly(record.partition());
            assertStandardHeaders(record, before);
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(Flattened.traces(sent));
        assertThat(Flattened.traces(sent)).hasSize(3);
    }

    @ParameterizedTest
    @EnumSource(Sender.class)
    void publishesTheSdksMetricsUnchangedKeyedByResourceAndName(Sender sender) throws InvalidProtocolBufferException {
        String service = "sdk-metrics-" + sender + "-" + UUID.randomUUID();
        List<MetricData> metrics = SdkTelemetry.metrics(service);
        ExportMetricsServiceRequest sent = ExportMetricsServiceRequest.parseFrom(
                Sender.protobuf(MetricsRequestMarshaler.create(metrics)));
        long before = nanos(Instant.now());

        assertThat(sender.metrics(metrics)).as("export acknowledged").isTrue();

        int expected = Flattened.metrics(sent).size();
        List<ConsumerRecord<byte[], byte[]>> records = published(Topics.OTLP_METRICS, service,
                r -> Flattened.metrics(parse(ExportMetricsServiceRequest.parser(), r)).size(), expected);
        int partitions = PublishedRecords.partitions(bootstrapServers, Topics.OTLP_METRICS);
        String resourceKey = RecordKeys.resource(sent.getResourceMetrics(0).getResource());
        List<Flattened> received = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            List<Flattened> items = Flattened.metrics(ExportMetricsServiceRequest.parseFrom(record.value()));
            received.addAll(items);
            // Each metric of a resource on the partition of its key, resource digest / metric name.
            assertThat(items).extracting(f -> RecordSplitter.partitionOf(resourceKey + "/" + ((Metric) f.item())
                    .getName(), partitions)).containsOnly(record.partition());
            assertStandardHeaders(record, before);
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(Flattened.metrics(sent));
        Metric histogram = sent.getResourceMetrics(0).getScopeMetrics(0).getMetricsList().stream()
                .filter(m -> m.hasHistogram()).findFirst().orElseThrow();
        assertThat(histogram.getHistogram().getDataPoints(0).getExemplars(0).getTraceId().size())
                .as("the exemplar's trace id came through").isEqualTo(16);
    }

    @ParameterizedTest
    @EnumSource(Sender.class)
    void publishesTheSdksLogRecordsUnchangedKeyedByTraceOrResource(Sender sender)
            throws InvalidProtocolBufferException {
        String service = "sdk-logs-" + sender + "-" + UUID.randomUUID();
        List<LogRecordData> logs = SdkTelemetry.logs(service);
        ExportLogsServiceRequest sent = ExportLogsServiceRequest.parseFrom(
                Sender.protobuf(LogsRequestMarshaler.create(logs)));
        long before = nanos(Instant.now());

        assertThat(sender.logs(logs)).as("export acknowledged").isTrue();

        List<ConsumerRecord<byte[], byte[]>> records = published(Topics.OTLP_LOGS, service,
                r -> Flattened.logs(parse(ExportLogsServiceRequest.parser(), r)).size(), 2);
        int partitions = PublishedRecords.partitions(bootstrapServers, Topics.OTLP_LOGS);
        String resourceKey = RecordKeys.resource(sent.getResourceLogs(0).getResource());
        List<Flattened> received = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            List<Flattened> items = Flattened.logs(ExportLogsServiceRequest.parseFrom(record.value()));
            received.addAll(items);
            // A log record on the partition of its trace id, or of its resource when it has none.
            assertThat(items).extracting(f -> {
                LogRecord log = (LogRecord) f.item();
                return RecordSplitter.partitionOf(log.getTraceId().isEmpty() ? resourceKey
                        : hex(log.getTraceId().toByteArray()), partitions);
            }).containsOnly(record.partition());
            assertStandardHeaders(record, before);
        }
        assertThat(received).containsExactlyInAnyOrderElementsOf(Flattened.logs(sent));
    }

    /**
     * The records of the service on the topic, once they hold {@code items} items: an export becomes one
     * record per key, or per partition once the receiver knows the topic's partition count.
     */
    private List<ConsumerRecord<byte[], byte[]>> published(String topic, String service,
            ToIntFunction<ConsumerRecord<byte[], byte[]>> itemsOf, int items) {
        byte[] marker = service.getBytes(StandardCharsets.UTF_8);
        return PublishedRecords.read(bootstrapServers, topic, r -> contains(r.value(), marker),
                found -> found.stream().mapToInt(itemsOf).sum() >= items);
    }

    private static <M> M parse(com.google.protobuf.Parser<M> parser, ConsumerRecord<byte[], byte[]> record) {
        try {
            return parser.parseFrom(record.value());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("a published record is not an export request", e);
        }
    }

    private static void assertStandardHeaders(ConsumerRecord<byte[], byte[]> record, long before) {
        assertThat(PublishedRecords.header(record, Headers.TENANT)).isEqualTo("default");
        assertThat(Long.parseLong(PublishedRecords.header(record, Headers.RECEIVED_AT)))
                .isBetween(before, nanos(Instant.now()));
        assertThat(PublishedRecords.header(record, Headers.PIPELINE)).isEqualTo("default");
        assertThat(PublishedRecords.header(record, Headers.STORE)).isEqualTo("true");
        assertThat(PublishedRecords.header(record, Headers.FORWARD)).as("no forward header without outputs").isNull();
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
