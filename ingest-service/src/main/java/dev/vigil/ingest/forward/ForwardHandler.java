package dev.vigil.ingest.forward;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.vigil.contracts.Headers;
import dev.vigil.contracts.Signal;
import dev.vigil.ingest.consume.Batch;
import dev.vigil.ingest.consume.DeadLetter;
import dev.vigil.ingest.consume.Outcome;
import dev.vigil.ingest.consume.Read;
import dev.vigil.ingest.consume.RecordHandler;
import dev.vigil.ingest.pipeline.ForwardOutput;
import dev.vigil.ingest.pipeline.OtlpItems;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Forwards to one output: sends each record whose {@link Headers#FORWARD} names the output as the
 * request it is, and passes over the rest. The loop gives it one such record per batch (see
 * {@link ForwardStage}), so a retry sends again only the record the endpoint did not accept, and
 * nothing after it on the partition is sent before it.
 *
 * <p>An endpoint that cannot take data now (unreachable, 429, 5xx) means retry, after its
 * {@code Retry-After} (at most {@code max-retry-after}) or the back-off; one that refuses the request
 * for good, or a record that is not a valid export request, means the record goes to the dead-letter
 * topic, counted as failed.
 */
final class ForwardHandler implements RecordHandler<ForwardHandler.Request> {
    private static final String UNKNOWN_PIPELINE = "(unknown)";

    private final ForwardOutput output;
    private final ForwardConfig config;
    private final OtlpHttpSender sender;
    private final ForwardMetrics metrics;

    /** A record to send: its signal, pipeline and item count. */
    record Request(Signal signal, String pipeline, int items) {
    }

    ForwardHandler(ForwardOutput output, ForwardConfig config, ForwardMetrics metrics) {
        this.output = output;
        this.config = config;
        this.sender = new OtlpHttpSender(output);
        this.metrics = metrics;
    }

    ForwardOutput output() {
        return output;
    }

    @Override
    public Read<Request> read(ConsumerRecord<byte[], byte[]> record) {
        if (!namesThisOutput(record)) {
            return Read.skip();
        }
        Signal signal = signal(record.topic());
        String pipeline = header(record, Headers.PIPELINE);
        pipeline = pipeline == null ? UNKNOWN_PIPELINE : pipeline;
        try {
            return Read.item(new Request(signal, pipeline, OtlpItems.count(parse(signal, record.value()))), 1);
        } catch (InvalidProtocolBufferException e) {
            metrics.failed(signal, pipeline, 0);
            return Read.refuse("forward to " + output.name() + ": the record is not a valid protobuf export request: "
                    + e.getMessage());
        }
    }

    @Override
    public Outcome handle(Batch<Request> batch) throws InterruptedException {
        List<DeadLetter> letters = new ArrayList<>(batch.refused());
        for (Batch.Entry<Request> entry : batch.entries()) {
            Request request = entry.value();
            switch (sender.send(request.signal(), entry.record().value())) {
                case Delivery.Accepted accepted -> {
                    metrics.request(output.name(), "accepted");
                    metrics.forwarded(request.signal(), request.pipeline(), request.items());
                }
                case Delivery.Rejected rejected -> {
                    metrics.request(output.name(), "rejected");
                    metrics.failed(request.signal(), request.pipeline(), request.items());
                    letters.add(new DeadLetter(entry.record(), "forward to " + output.name() + ": " + rejected.reason()));
                }
                case Delivery.Retryable retry -> {
                    metrics.request(output.name(), "retried");
                    Optional<Duration> after = retry.retryAfter()
                            .map(d -> d.compareTo(config.maxRetryAfter()) > 0 ? config.maxRetryAfter() : d);
                    return new Outcome.Retry("output " + output.name() + " cannot take data: " + retry.reason(), after);
                }
            }
        }
        return Outcome.done(letters);
    }

    private boolean namesThisOutput(ConsumerRecord<byte[], byte[]> record) {
        String forward = header(record, Headers.FORWARD);
        if (forward == null) {
            return false;
        }
        for (String name : forward.split(",")) {
            if (name.strip().equals(output.name())) {
                return true;
            }
        }
        return false;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static Signal signal(String topic) {
        for (Signal signal : Signal.values()) {
            if (signal.topic().equals(topic)) {
                return signal;
            }
        }
        throw new IllegalArgumentException("not an OTLP topic: " + topic);
    }

    private static Message parse(Signal signal, byte[] value) throws InvalidProtocolBufferException {
        return switch (signal) {
            case TRACES -> ExportTraceServiceRequest.parseFrom(value);
            case METRICS -> ExportMetricsServiceRequest.parseFrom(value);
            case LOGS -> ExportLogsServiceRequest.parseFrom(value);
        };
    }

    static List<String> topics() {
        return Arrays.stream(Signal.values()).map(Signal::topic).toList();
    }
}
