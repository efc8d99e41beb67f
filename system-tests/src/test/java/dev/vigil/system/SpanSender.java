package dev.vigil.system;

import dev.vigil.demo.shop.FinishedSpans;
import dev.vigil.devstack.testing.TestCredentials;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends spans of one service with the OpenTelemetry SDK's OTLP/HTTP exporter, its own retries off, and
 * remembers which exports were answered with success and which were refused, and how. A refused export
 * is not sent again: the tests check that every span of a successful export is stored exactly once,
 * and that nothing is stored twice.
 */
final class SpanSender implements AutoCloseable {
    private final String service;
    private final OtlpHttpSpanExporter exporter;
    private final SdkTracerProvider provider;
    private final Tracer tracer;
    private final FinishedSpans finished = new FinishedSpans();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final Set<String> refusedSpans = ConcurrentHashMap.newKeySet();
    /** Refusal → how many exports got it: an HTTP status, or the exception of a failed connection. */
    private final TreeMap<String, Integer> refusals = new TreeMap<>();
    private final AtomicInteger exports = new AtomicInteger();

    SpanSender(String endpoint, String service) {
        this.service = service;
        this.exporter = OtlpHttpSpanExporter.builder().setEndpoint(endpoint).setRetryPolicy(null)
                .setTimeout(Duration.ofSeconds(15)).setHeaders(TestCredentials::otlpHeaders).build();
        this.provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.builder().put("service.name", service).build()))
                .addSpanProcessor(finished)
                .build();
        this.tracer = provider.get("dev.vigil.system");
    }

    String service() {
        return service;
    }

    /** Makes {@code traces} traces of {@code spansPerTrace} spans and exports them in one request. */
    boolean export(int traces, int spansPerTrace) {
        finished.take();
        for (int t = 0; t < traces; t++) {
            Span root = tracer.spanBuilder("GET /checkout").startSpan();
            try (Scope ignored = root.makeCurrent()) {
                for (int s = 1; s < spansPerTrace; s++) {
                    tracer.spanBuilder("step-" + s).setAttribute(AttributeKey.longKey("step"), s).startSpan().end();
                }
            } finally {
                root.end();
            }
        }
        List<SpanData> batch = finished.take();
        CompletableResultCode result = exporter.export(batch).join(30, TimeUnit.SECONDS);
        exports.incrementAndGet();
        List<String> ids = batch.stream().map(SpanData::getSpanId).toList();
        if (result.isSuccess()) {
            accepted.addAll(ids);
            return true;
        }
        refusedSpans.addAll(ids);
        synchronized (refusals) {
            refusals.merge(describe(result.getFailureThrowable()), 1, Integer::sum);
        }
        return false;
    }

    private static String describe(Throwable failure) {
        if (failure instanceof FailedExportException.HttpExportException http && http.getResponse() != null) {
            return "HTTP " + http.getResponse().statusCode();
        }
        return failure == null ? "no answer in time" : failure.getClass().getSimpleName();
    }

    /** Span ids of exports answered with success. */
    Set<String> accepted() {
        return Set.copyOf(accepted);
    }

    /** Span ids of exports that were refused; they may or may not be stored, but never twice. */
    Set<String> refused() {
        return Set.copyOf(refusedSpans);
    }

    TreeMap<String, Integer> refusals() {
        synchronized (refusals) {
            return new TreeMap<>(refusals);
        }
    }

    int exports() {
        return exports.get();
    }

    @Override
    public void close() {
        provider.shutdown().join(10, TimeUnit.SECONDS);
        exporter.shutdown().join(10, TimeUnit.SECONDS);
    }
}
