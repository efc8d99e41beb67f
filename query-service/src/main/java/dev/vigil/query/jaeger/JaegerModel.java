package dev.vigil.query.jaeger;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of Jaeger's HTTP query API ({@code /api/...} of jaeger-query), field names as Jaeger writes them.
 * Times are microseconds since the epoch, durations microseconds.
 */
final class JaegerModel {

    private JaegerModel() {
    }

    /** Every answer: {@code data} and, on failure, {@code errors}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Envelope(Object data, int total, int limit, int offset, List<Error> errors) {

        static Envelope of(List<?> data) {
            return new Envelope(data, data.size(), 0, 0, null);
        }

        static Envelope error(int code, String message) {
            return new Envelope(null, 0, 0, 0, List.of(new Error(code, message)));
        }
    }

    record Error(int code, String msg) {
    }

    record Trace(String traceID, List<Span> spans, Map<String, Process> processes, List<String> warnings) {
    }

    record Span(String traceID, String spanID, int flags, String operationName, List<Reference> references,
            long startTime, long duration, List<KeyValue> tags, List<Log> logs, String processID,
            List<String> warnings) {
    }

    /** {@code refType}: CHILD_OF (the parent) or FOLLOWS_FROM (a link). */
    record Reference(String refType, String traceID, String spanID) {
    }

    /** {@code type}: string, bool, int64, float64 (or binary); {@code value} of that JSON type. */
    record KeyValue(String key, String type, Object value) {
    }

    record Log(long timestamp, List<KeyValue> fields) {
    }

    record Process(String serviceName, List<KeyValue> tags) {
    }

    record Operation(String name, String spanKind) {
    }

    record DependencyLink(String parent, String child, long callCount) {
    }
}
