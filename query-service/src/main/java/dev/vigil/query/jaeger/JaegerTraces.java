package dev.vigil.query.jaeger;

import dev.vigil.query.jaeger.JaegerModel.KeyValue;
import dev.vigil.query.trace.Span;
import dev.vigil.query.trace.StatusCode;
import dev.vigil.query.trace.Trace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns Vigil traces into Jaeger's JSON model the way Jaeger's own OTLP translation does: the parent is a CHILD_OF
 * reference and each link a FOLLOWS_FROM; events are logs with an {@code event} field; span kind, status and
 * scope become the tags {@code span.kind}, {@code otel.status_code}, {@code otel.status_description},
 * {@code error}, {@code otel.scope.name}, {@code otel.scope.version}; resources become processes.
 *
 * <p>The exporter schema stores attribute values as text, so tag types are read back from it: {@code true} and
 * {@code false} are bool, whole numbers int64, decimals float64, the rest string.
 */
final class JaegerTraces {

    private static final Pattern INT = Pattern.compile("-?(0|[1-9]\\d{0,17})");
    private static final Pattern FLOAT = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][-+]?\\d+)?");

    private JaegerTraces() {
    }

    static JaegerModel.Trace of(Trace trace) {
        Map<List<Object>, String> processIds = new LinkedHashMap<>();
        Map<String, JaegerModel.Process> processes = new LinkedHashMap<>();
        List<JaegerModel.Span> spans = new ArrayList<>(trace.spans().size());
        for (Span span : trace.spans()) {
            List<Object> processKey = List.of(span.serviceName(), span.resourceAttributes());
            String processId = processIds.computeIfAbsent(processKey, k -> {
                String id = "p" + (processIds.size() + 1);
                processes.put(id, new JaegerModel.Process(span.serviceName(), tags(span.resourceAttributes(),
                        "service.name")));
                return id;
            });
            spans.add(span(span, processId));
        }
        return new JaegerModel.Trace(trace.traceId(), spans, processes, null);
    }

    private static JaegerModel.Span span(Span span, String processId) {
        List<JaegerModel.Reference> references = new ArrayList<>();
        if (span.parentSpanId() != null) {
            references.add(new JaegerModel.Reference("CHILD_OF", span.traceId(), span.parentSpanId()));
        }
        for (Span.Link link : span.links()) {
            references.add(new JaegerModel.Reference("FOLLOWS_FROM", link.traceId(), link.spanId()));
        }
        List<KeyValue> tags = tags(span.attributes(), null);
        tags.add(new KeyValue("span.kind", "string", span.kind().name().toLowerCase(Locale.ROOT)));
        if (span.status().code() != StatusCode.UNSET) {
            tags.add(new KeyValue("otel.status_code", "string", span.status().code().name()));
        }
        if (span.status().code() == StatusCode.ERROR) {
            tags.add(new KeyValue("error", "bool", true));
        }
        if (!span.status().message().isEmpty()) {
            tags.add(new KeyValue("otel.status_description", "string", span.status().message()));
        }
        if (!span.scope().name().isEmpty()) {
            tags.add(new KeyValue("otel.scope.name", "string", span.scope().name()));
        }
        if (!span.scope().version().isEmpty()) {
            tags.add(new KeyValue("otel.scope.version", "string", span.scope().version()));
        }
        List<JaegerModel.Log> logs = new ArrayList<>(span.events().size());
        for (Span.Event event : span.events()) {
            List<KeyValue> fields = new ArrayList<>();
            fields.add(new KeyValue("event", "string", event.name()));
            fields.addAll(tags(event.attributes(), null));
            logs.add(new JaegerModel.Log(micros(event.time()), fields));
        }
        return new JaegerModel.Span(span.traceId(), span.spanId(), 1, span.name(), references,
                micros(span.startTime()), span.durationNanos() / 1_000, tags, logs, processId, null);
    }

    static List<KeyValue> tags(Map<String, String> attributes, String skip) {
        List<KeyValue> tags = new ArrayList<>(attributes.size() + 6);
        attributes.forEach((key, value) -> {
            if (!key.equals(skip)) {
                tags.add(typed(key, value));
            }
        });
        return tags;
    }

    static KeyValue typed(String key, String value) {
        if (value.equals("true") || value.equals("false")) {
            return new KeyValue(key, "bool", Boolean.parseBoolean(value));
        }
        if (INT.matcher(value).matches()) {
            return new KeyValue(key, "int64", Long.parseLong(value));
        }
        if (FLOAT.matcher(value).matches()) {
            double d = Double.parseDouble(value);
            if (Double.isFinite(d)) {
                return new KeyValue(key, "float64", d);
            }
        }
        return new KeyValue(key, "string", value);
    }

    static long micros(String rfc3339) {
        Instant instant = Instant.parse(rfc3339);
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }
}
