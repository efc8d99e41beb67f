package dev.vigil.ingest.receive;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Telemetry made by the OpenTelemetry SDK itself, captured as the SDK's data before any exporter sees it. */
final class SdkTelemetry {
    private SdkTelemetry() {
    }

    static Resource resource(String service) {
        return Resource.getDefault().merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service,
                AttributeKey.stringKey("k8s.namespace.name"), "shop")));
    }

    /** Three spans in two traces, with attributes of every type, an event, a link and an error status. */
    static List<SpanData> spans(String service) {
        Capture capture = new Capture();
        try (SdkTracerProvider provider = SdkTracerProvider.builder().setResource(resource(service))
                .addSpanProcessor(SimpleSpanProcessor.create(capture)).build()) {
            Tracer tracer = provider.get("dev.vigil.test.sdk", "2.0.1");
            Instant start = Instant.now().minusSeconds(5);
            Span server = tracer.spanBuilder("POST /orders").setSpanKind(SpanKind.SERVER).setStartTimestamp(start)
                    .setAttribute("http.request.method", "POST")
                    .setAttribute(AttributeKey.longKey("http.response.status_code"), 500L)
                    .setAttribute(AttributeKey.booleanKey("retried"), true)
                    .setAttribute(AttributeKey.doubleKey("load"), 0.75)
                    .setAttribute(AttributeKey.stringArrayKey("tags"), List.of("a", "b"))
                    .addLink(SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                            TraceFlags.getSampled(), TraceState.getDefault()),
                            Attributes.of(AttributeKey.stringKey("link.reason"), "batch"))
                    .startSpan();
            server.addEvent("exception", Attributes.of(AttributeKey.stringKey("exception.type"), "IOException"),
                    start.plusMillis(5));
            server.setStatus(StatusCode.ERROR, "payment declined");
            Span client = tracer.spanBuilder("GET /payments").setSpanKind(SpanKind.CLIENT)
                    .setParent(Context.root().with(server)).setStartTimestamp(start.plusMillis(1)).startSpan();
            client.end(start.plusMillis(21));
            server.end(start.plusMillis(250));
            tracer.spanBuilder("cleanup").setNoParent().setStartTimestamp(start).startSpan().end(start.plusMillis(3));
        }
        return capture.spans;
    }

    /** A counter, a histogram with an exemplar of a sampled span, and a gauge. */
    static List<MetricData> metrics(String service) {
        Reader reader = new Reader();
        try (SdkMeterProvider provider = SdkMeterProvider.builder().setResource(resource(service))
                .registerMetricReader(reader).build();
                SdkTracerProvider tracing = SdkTracerProvider.builder().build()) {
            Meter meter = provider.get("dev.vigil.test.sdk");
            LongCounter requests = meter.counterBuilder("http.server.requests").setUnit("{request}").build();
            requests.add(3, Attributes.of(AttributeKey.stringKey("route"), "/orders"));
            requests.add(1, Attributes.of(AttributeKey.stringKey("route"), "/payments"));
            DoubleHistogram latency = meter.histogramBuilder("http.server.request.duration").setUnit("s").build();
            Span span = tracing.get("t").spanBuilder("sampled").startSpan();
            try (Scope ignored = span.makeCurrent()) {
                latency.record(0.25, Attributes.of(AttributeKey.stringKey("route"), "/orders"));
            }
            span.end();
            meter.gaugeBuilder("process.cpu.utilization").setUnit("1")
                    .buildWithCallback(m -> m.record(0.42, Attributes.of(AttributeKey.stringKey("cpu"), "0")));
            return List.copyOf(reader.registration.collectAllMetrics());
        }
    }

    /** One log record per body, in order, each with the body's position as attribute {@code n}. */
    static List<LogRecordData> logsWithBodies(String service, List<Value<?>> bodies) {
        LogCapture capture = new LogCapture();
        try (SdkLoggerProvider provider = SdkLoggerProvider.builder().setResource(resource(service))
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(capture)).build()) {
            Logger logger = provider.get("dev.vigil.test.sdk");
            for (int n = 0; n < bodies.size(); n++) {
                logger.logRecordBuilder().setBody(bodies.get(n)).setAttribute(AttributeKey.longKey("n"), (long) n)
                        .setTimestamp(Instant.now()).emit();
            }
        }
        return capture.logs;
    }

    /** A log record inside a span, and one outside any trace. */
    static List<LogRecordData> logs(String service) {
        LogCapture capture = new LogCapture();
        try (SdkLoggerProvider provider = SdkLoggerProvider.builder().setResource(resource(service))
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(capture)).build();
                SdkTracerProvider tracing = SdkTracerProvider.builder().build()) {
            Logger logger = provider.get("dev.vigil.test.sdk");
            Span span = tracing.get("t").spanBuilder("with-log").startSpan();
            logger.logRecordBuilder().setContext(Context.root().with(span)).setSeverity(Severity.WARN)
                    .setSeverityText("WARN").setBody("payment declined")
                    .setAttribute(AttributeKey.stringKey("order.id"), "o-17")
                    .setTimestamp(Instant.now()).emit();
            span.end();
            logger.logRecordBuilder().setSeverity(Severity.INFO).setBody("started")
                    .setAttribute(AttributeKey.longKey("pid"), 4242L).setTimestamp(Instant.now()).emit();
        }
        return capture.logs;
    }

    private static final class Capture implements SpanExporter {
        private final List<SpanData> spans = new ArrayList<>();

        @Override
        public synchronized CompletableResultCode export(Collection<SpanData> batch) {
            spans.addAll(batch);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    private static final class LogCapture implements LogRecordExporter {
        private final List<LogRecordData> logs = new ArrayList<>();

        @Override
        public synchronized CompletableResultCode export(Collection<LogRecordData> batch) {
            logs.addAll(batch);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    private static final class Reader implements MetricReader {
        private CollectionRegistration registration = CollectionRegistration.noop();

        @Override
        public void register(CollectionRegistration registration) {
            this.registration = registration;
        }

        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType type) {
            return AggregationTemporality.CUMULATIVE;
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

    static boolean succeeded(CompletableResultCode result) {
        return result.join(15, TimeUnit.SECONDS).isSuccess();
    }
}
