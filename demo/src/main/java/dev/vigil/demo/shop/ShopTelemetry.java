package dev.vigil.demo.shop;

import dev.vigil.demo.ingest.IngestAuthorization;
import dev.vigil.demo.ingest.IngestTokenRefusedException;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.logs.ReadWriteLogRecord;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Sends a plan's telemetry through the OpenTelemetry Java SDK's OTLP/HTTP exporters, as the shop's services would:
 * each service its own resource, its spans with the planned ids and times, a log record per request it served and
 * its metrics, collected every {@link #METRIC_INTERVAL_NANOS} of simulated time.
 *
 * <p>Contract: {@link #send} returns only once the receiver accepted everything, and throws otherwise, so a caller
 * (a test) knows exactly what was stored.
 *
 * <p>Metrics, per service: {@code http.server.request.duration} (histogram, s) of the requests it served,
 * {@code k8s.pod.cpu_limit_utilization} and {@code k8s.pod.memory_limit_utilization} (gauges, derived from the
 * requests of the interval); {@code payment} also counts {@code shop.payments} (monotonic sum) of successful
 * payments.
 */
public final class ShopTelemetry implements AutoCloseable {

    /** What to send. */
    public enum Signal { TRACES, METRICS, LOGS }

    public static final long METRIC_INTERVAL_NANOS = 10_000_000_000L;
    /** The histogram buckets of {@code http.server.request.duration}, in seconds (OpenTelemetry's HTTP advice). */
    public static final List<Double> DURATION_BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5,
            0.75, 1.0, 2.5, 5.0, 7.5, 10.0);
    /**
     * The resource of the mesh's access logs: the Envoy sidecars, which run in the shop's pods (so in its namespace,
     * not in a system namespace that pipelines drop by default); each record names its pod in k8s.pod.name.
     */
    public static final String MESH_PROXY = "istio-proxy";
    /** Who calls frontend and inventory: the mesh's ingress gateway and an uninstrumented job. */
    public static final String INGRESS = "istio-ingressgateway";
    public static final String STOCK_SYNC = "stock-sync";
    private static final int EXPORT_BATCH = 1_000;
    private static final long EXPORT_TIMEOUT_SECONDS = 60;
    private static final List<String> SERVICES =
            List.of(ShopPlan.FRONTEND, ShopPlan.CART, ShopPlan.PAYMENT, ShopPlan.INVENTORY);

    private final Set<Signal> signals;
    private final PlannedIds ids = new PlannedIds();
    private final SimulatedClock clock;
    private final FinishedSpans finishedSpans = new FinishedSpans();
    private final List<LogRecordData> emittedLogs = new ArrayList<>();
    // Client span id -> its service, so that a server span's access log names the workload that called it.
    private final Map<String, String> callers = new java.util.HashMap<>();
    private final OtlpHttpSpanExporter spanExporter;
    private final OtlpHttpMetricExporter metricExporter;
    private final OtlpHttpLogRecordExporter logExporter;
    private final Map<String, ServiceTelemetry> services = new LinkedHashMap<>();
    private final SdkLoggerProvider meshLoggerProvider;
    private final Logger meshLogger;
    private long nextCollection;

    /** A service's SDK instances; one resource each, as separate processes would have. */
    private final class ServiceTelemetry {
        final SdkTracerProvider tracerProvider;
        final SdkMeterProvider meterProvider;
        final SdkLoggerProvider loggerProvider;
        final CollectingMetricReader reader = new CollectingMetricReader();
        final Tracer tracer;
        final Logger logger;
        final DoubleHistogram requestDuration;
        final LongCounter payments;
        long requestsThisInterval;
        long requestsTotal;
        double cpu;
        double memory;

        ServiceTelemetry(String service) {
            Resource resource = Resource.getDefault().merge(Resource.create(Attributes.builder()
                    .put("service.name", service)
                    .put("service.namespace", ShopPlan.NAMESPACE)
                    .put("k8s.namespace.name", ShopPlan.NAMESPACE)
                    .put("k8s.deployment.name", service)
                    .put("k8s.pod.name", podName(service))
                    .build()));
            tracerProvider = SdkTracerProvider.builder()
                    .setResource(resource)
                    .setIdGenerator(ids)
                    .setClock(clock)
                    .addSpanProcessor(finishedSpans)
                    .build();
            meterProvider = SdkMeterProvider.builder()
                    .setResource(resource)
                    .setClock(clock)
                    .registerMetricReader(reader)
                    .build();
            loggerProvider = SdkLoggerProvider.builder()
                    .setResource(resource)
                    .setClock(clock)
                    .addLogRecordProcessor(new LogRecorder())
                    .build();
            tracer = tracerProvider.get("dev.vigil.demo.shop", "1.0.0");
            logger = loggerProvider.get("dev.vigil.demo.shop");
            var meter = meterProvider.get("dev.vigil.demo.shop");
            requestDuration = meter.histogramBuilder("http.server.request.duration").setUnit("s")
                    .setDescription("Duration of HTTP server requests.")
                    .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS).build();
            payments = meter.counterBuilder("shop.payments").setUnit("{payment}")
                    .setDescription("Payments accepted.").build();
            meter.gaugeBuilder("k8s.pod.cpu_limit_utilization").setUnit("1")
                    .buildWithCallback(m -> m.record(cpu));
            meter.gaugeBuilder("k8s.pod.memory_limit_utilization").setUnit("1")
                    .buildWithCallback(m -> m.record(memory));
        }
    }

    /** The pod of a service in the simulated cluster: one per service, named as a Deployment names its pods. */
    public static String podName(String service) {
        return service + "-7d9f8b6c5d-" + Integer.toString(Math.abs(service.hashCode()) % 46_656 + 46_656, 36)
                .substring(0, 3) + "x2";
    }

    /**
     * The simulated CPU utilisation (of the pod's limit) over an interval in which the service served
     * {@code requests} requests.
     */
    public static double cpuUtilization(long requests) {
        return Math.min(1.0, 0.05 + 0.002 * requests);
    }

    /** The simulated memory utilisation (of the pod's limit) once the service has served {@code total} requests. */
    public static double memoryUtilization(long total) {
        return Math.min(0.9, 0.25 + 0.0001 * total);
    }

    /** Everything to {@code endpoint} (an OTLP/HTTP base URL), with {@code token} as the ingest token when present. */
    public ShopTelemetry(String endpoint, Optional<String> token, Set<Signal> signals, long startNanos) {
        this(endpoint, endpoint, token, signals, startNanos);
    }

    /**
     * Traces to {@code tracesEndpoint}, metrics and logs to {@code metricsAndLogsEndpoint} (OTLP/HTTP base URLs), each
     * with {@code token} as the ingest token when present.
     */
    public ShopTelemetry(String tracesEndpoint, String metricsAndLogsEndpoint, Optional<String> token,
            Set<Signal> signals, long startNanos) {
        this.signals = signals.isEmpty() ? EnumSet.noneOf(Signal.class) : EnumSet.copyOf(signals);
        this.clock = new SimulatedClock(startNanos);
        this.nextCollection = startNanos + METRIC_INTERVAL_NANOS;
        Map<String, String> headers = IngestAuthorization.headers(token);
        this.spanExporter = OtlpHttpSpanExporter.builder().setEndpoint(tracesEndpoint + "/v1/traces")
                .setHeaders(() -> headers).build();
        this.metricExporter = OtlpHttpMetricExporter.builder().setEndpoint(metricsAndLogsEndpoint + "/v1/metrics")
                .setHeaders(() -> headers).build();
        this.logExporter = OtlpHttpLogRecordExporter.builder().setEndpoint(metricsAndLogsEndpoint + "/v1/logs")
                .setHeaders(() -> headers).build();
        SERVICES.forEach(s -> services.put(s, new ServiceTelemetry(s)));
        this.meshLoggerProvider = SdkLoggerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.builder()
                        .put("service.name", MESH_PROXY)
                        .put("k8s.namespace.name", ShopPlan.NAMESPACE)
                        .build())))
                .setClock(clock)
                .addLogRecordProcessor(new LogRecorder())
                .build();
        this.meshLogger = meshLoggerProvider.get("envoy.access_loggers.open_telemetry");
    }

    /** Sends these requests (in order of start time, later than any sent before) and waits until all is accepted. */
    public void send(List<ShopRequest> requests) {
        List<PlannedSpan> served = new ArrayList<>();
        for (ShopRequest request : requests) {
            emit(request.root(), Context.root());
            request.spans().stream().filter(s -> s.kind() == PlannedSpan.Kind.SERVER).forEach(served::add);
        }
        served.sort(Comparator.comparingLong(PlannedSpan::endNanos));
        for (PlannedSpan span : served) {
            while (span.endNanos() >= nextCollection) {
                collectMetrics(nextCollection);
                nextCollection += METRIC_INTERVAL_NANOS;
            }
            observe(span);
        }
        if (signals.contains(Signal.TRACES)) {
            export(finishedSpans.take(), spanExporter::export, "spans");
        }
        if (signals.contains(Signal.LOGS)) {
            export(drain(emittedLogs), logExporter::export, "log records");
        }
        callers.clear();
    }

    /**
     * Collects and sends the metrics at the next collection time, which covers the last request sent (call once
     * after the last send).
     */
    public void flushMetrics() {
        collectMetrics(nextCollection);
        nextCollection += METRIC_INTERVAL_NANOS;
    }

    private void emit(PlannedSpan planned, Context parent) {
        ServiceTelemetry service = services.get(planned.service());
        ids.next(planned.traceId(), planned.spanId());
        SpanBuilder builder = service.tracer.spanBuilder(planned.name())
                .setSpanKind(switch (planned.kind()) {
                    case SERVER -> SpanKind.SERVER;
                    case CLIENT -> SpanKind.CLIENT;
                    case PRODUCER -> SpanKind.PRODUCER;
                    case INTERNAL -> SpanKind.INTERNAL;
                })
                .setStartTimestamp(planned.startNanos(), TimeUnit.NANOSECONDS);
        if (parent == Context.root()) {
            builder.setNoParent();
        } else {
            builder.setParent(parent);
        }
        builder.setAllAttributes(attributes(planned.attributes()));
        Span span = builder.startSpan();
        if (!span.getSpanContext().getSpanId().equals(planned.spanId())) {
            throw new IllegalStateException("the SDK did not take the planned span id " + planned.spanId());
        }
        Context context = parent.with(span);
        if (planned.kind() == PlannedSpan.Kind.CLIENT) {
            callers.put(planned.spanId(), planned.service());
        }
        for (PlannedSpan child : planned.children()) {
            emit(child, context);
        }
        if (planned.error()) {
            span.setStatus(StatusCode.ERROR, planned.statusMessage());
        }
        span.end(planned.endNanos(), TimeUnit.NANOSECONDS);
        if (planned.kind() == PlannedSpan.Kind.SERVER && signals.contains(Signal.LOGS)) {
            log(service, planned);
            accessLog(planned, callerOf(planned));
        }
    }

    private static String callerOf(PlannedSpan server) {
        if (server.parentSpanId().isEmpty()) {
            return server.service().equals(ShopPlan.INVENTORY) ? STOCK_SYNC : INGRESS;
        }
        return null;
    }

    /**
     * The mesh's access log of a request a service served, as Istio's Envoy writes it with the OpenTelemetry
     * access-log provider: who called (source workload and namespace), who answered, method, path, response
     * code and duration in milliseconds.
     */
    private void accessLog(PlannedSpan server, String rootCaller) {
        String source = rootCaller != null ? rootCaller : callers.get(server.parentSpanId());
        String sourceNamespace = INGRESS.equals(source) ? "istio-system" : ShopPlan.NAMESPACE;
        Object code = server.attributes().get("http.response.status_code");
        String method = String.valueOf(server.attributes().get("http.request.method"));
        String path = String.valueOf(server.attributes().get("url.path"));
        Context context = Context.root().with(Span.wrap(SpanContext.create(server.traceId(), server.spanId(),
                TraceFlags.getSampled(), TraceState.getDefault())));
        meshLogger.logRecordBuilder()
                .setTimestamp(server.endNanos(), TimeUnit.NANOSECONDS)
                .setObservedTimestamp(server.endNanos(), TimeUnit.NANOSECONDS)
                .setContext(context)
                .setSeverity(Severity.INFO)
                .setSeverityText("INFO")
                .setBody("\"" + method + " " + path + " HTTP/1.1\" " + code + " " + source + " -> " + server.service())
                .setAllAttributes(Attributes.builder()
                        .put("source.workload", source)
                        .put("source.namespace", sourceNamespace)
                        .put("destination.workload", server.service())
                        .put("destination.namespace", ShopPlan.NAMESPACE)
                        .put("k8s.pod.name", podName(server.service()))
                        .put("method", method)
                        .put("path", path)
                        .put("response_code", String.valueOf(code))
                        .put("duration", accessLogMillis(server.durationNanos()))
                        .build())
                .emit();
    }

    /** The duration an access log reports: milliseconds with three decimals, as text. */
    public static String accessLogMillis(long nanos) {
        return java.math.BigDecimal.valueOf(nanos / 1_000, 3).toPlainString();
    }

    private void log(ServiceTelemetry service, PlannedSpan span) {
        Object status = span.attributes().get("http.response.status_code");
        Context context = Context.root().with(Span.wrap(SpanContext.create(span.traceId(), span.spanId(),
                TraceFlags.getSampled(), TraceState.getDefault())));
        service.logger.logRecordBuilder()
                .setTimestamp(span.endNanos(), TimeUnit.NANOSECONDS)
                .setObservedTimestamp(span.endNanos(), TimeUnit.NANOSECONDS)
                .setContext(context)
                .setSeverity(span.error() ? Severity.ERROR : Severity.INFO)
                .setSeverityText(span.error() ? "ERROR" : "INFO")
                .setBody(span.name() + " answered " + status + " in " + span.durationNanos() / 1_000 + " us"
                        + (span.error() ? ": " + span.statusMessage() : ""))
                .setAllAttributes(Attributes.builder()
                        .put("http.route", String.valueOf(span.attributes().get("http.route")))
                        .put("http.response.status_code", (Long) status)
                        .build())
                .emit();
    }

    private void observe(PlannedSpan span) {
        ServiceTelemetry service = services.get(span.service());
        service.requestsThisInterval++;
        service.requestsTotal++;
        Attributes attributes = Attributes.builder()
                .put("http.request.method", String.valueOf(span.attributes().get("http.request.method")))
                .put("http.route", String.valueOf(span.attributes().get("http.route")))
                .put("http.response.status_code", (Long) span.attributes().get("http.response.status_code"))
                .build();
        service.requestDuration.record(span.durationNanos() / 1e9, attributes);
        if (span.service().equals(ShopPlan.PAYMENT) && !span.error()) {
            service.payments.add(1);
        }
    }

    private void collectMetrics(long atNanos) {
        clock.set(atNanos);
        List<MetricData> metrics = new ArrayList<>();
        for (ServiceTelemetry service : services.values()) {
            service.cpu = cpuUtilization(service.requestsThisInterval);
            service.memory = memoryUtilization(service.requestsTotal);
            metrics.addAll(service.reader.collect());
            service.requestsThisInterval = 0;
        }
        if (signals.contains(Signal.METRICS)) {
            export(metrics, metricExporter::export, "metric points");
        }
    }

    private static <T> List<T> drain(List<T> items) {
        List<T> out = List.copyOf(items);
        items.clear();
        return out;
    }

    private static <T> void export(List<T> items, Function<Collection<T>, CompletableResultCode> exporter,
            String what) {
        for (int from = 0; from < items.size(); from += EXPORT_BATCH) {
            List<T> batch = items.subList(from, Math.min(items.size(), from + EXPORT_BATCH));
            CompletableResultCode result = exporter.apply(batch).join(EXPORT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!result.isSuccess()) {
                Throwable failure = result.getFailureThrowable();
                if (IngestAuthorization.refused(failure)) {
                    throw new IngestTokenRefusedException(failure);
                }
                throw new IllegalStateException("the receiver did not accept " + batch.size() + " " + what
                        + (failure == null ? "" : ": " + failure.getMessage()), failure);
            }
        }
    }

    private static Attributes attributes(Map<String, Object> values) {
        AttributesBuilder builder = Attributes.builder();
        values.forEach((key, value) -> {
            switch (value) {
                case Long l -> builder.put(AttributeKey.longKey(key), l);
                case String s -> builder.put(AttributeKey.stringKey(key), s);
                default -> throw new IllegalArgumentException("unsupported attribute value " + value);
            }
        });
        return builder.build();
    }

    private final class LogRecorder implements LogRecordProcessor {
        @Override
        public void onEmit(Context context, ReadWriteLogRecord logRecord) {
            emittedLogs.add(logRecord.toLogRecordData());
        }
    }

    /**
     * Closes the SDK providers (they hold no exporter: {@link #send} exports itself and waits), then flushes and
     * shuts down each exporter, in that order.
     */
    @Override
    public void close() {
        meshLoggerProvider.close();
        for (ServiceTelemetry service : services.values()) {
            service.tracerProvider.close();
            service.meterProvider.close();
            service.loggerProvider.close();
        }
        spanExporter.flush().join(10, TimeUnit.SECONDS);
        metricExporter.flush().join(10, TimeUnit.SECONDS);
        logExporter.flush().join(10, TimeUnit.SECONDS);
        spanExporter.shutdown().join(10, TimeUnit.SECONDS);
        metricExporter.shutdown().join(10, TimeUnit.SECONDS);
        logExporter.shutdown().join(10, TimeUnit.SECONDS);
    }
}
