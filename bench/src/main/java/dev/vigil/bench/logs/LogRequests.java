package dev.vigil.bench.logs;

import static dev.vigil.bench.ingest.OtlpValues.string;
import static dev.vigil.bench.ingest.OtlpValues.randomId;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The logs benchmark's records, as an application's logger writes them: a body of a few words with ids and numbers
 * in it, a severity (mostly INFO), {@value #ATTRIBUTES} attributes, the trace context on most, over {@value #SERVICES}
 * services of the run. Built up front, so that making them does not compete with the stack while it is measured.
 */
final class LogRequests {
    static final int SERVICES = 5;
    static final int ATTRIBUTES = 4;
    private static final String[] TEMPLATES = {
        "order %s placed by user %s with %d items",
        "payment for order %s declined: %s",
        "cache miss for key %s, loading from %s",
        "request %s to %s took %d ms",
        "user %s signed in from %s",
        "retrying %s after %d ms: connection reset by %s",
        "shipped order %s to warehouse %s",
        "slow query on %s: %d ms for %s",
    };
    private static final String[] WORDS = {"inventory", "checkout", "catalog", "postgres", "redis", "frontend",
        "insufficient funds", "card expired", "eu-west-1", "us-east-1", "timeout", "cart", "shipping", "pricing",
        "recommendations", "search", "session", "kafka", "orders", "accounts"};

    private LogRequests() {
    }

    /** What the names of a run's services start with; no other run's do. */
    static String servicePrefix(String run) {
        return "benchlog-" + run + "-";
    }

    static List<ExportLogsServiceRequest> build(String run, int requests, int recordsPerRequest, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long now = System.currentTimeMillis() * 1_000_000L;
        List<ExportLogsServiceRequest> out = new ArrayList<>(requests);
        for (int r = 0; r < requests; r++) {
            List<List<LogRecord>> perService = new ArrayList<>();
            for (int s = 0; s < SERVICES; s++) {
                perService.add(new ArrayList<>());
            }
            for (int i = 0; i < recordsPerRequest; i++) {
                perService.get(random.nextInt(SERVICES)).add(record(random, now));
            }
            ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
            for (int s = 0; s < SERVICES; s++) {
                if (perService.get(s).isEmpty()) {
                    continue;
                }
                String service = servicePrefix(run) + "svc" + s;
                request.addResourceLogs(ResourceLogs.newBuilder()
                        .setResource(Resource.newBuilder()
                                .addAttributes(string("service.name", service))
                                .addAttributes(string("k8s.namespace.name", "bench"))
                                .addAttributes(string("k8s.pod.name", service + "-7d9f8c6b5-x" + s)))
                        .addScopeLogs(ScopeLogs.newBuilder()
                                .setScope(InstrumentationScope.newBuilder().setName("dev.vigil.bench.Logs"))
                                .addAllLogRecords(perService.get(s))));
            }
            out.add(request.build());
        }
        return out;
    }

    private static LogRecord record(SplittableRandom random, long now) {
        int severity = random.nextInt(100);
        SeverityNumber number = severity < 5 ? SeverityNumber.SEVERITY_NUMBER_ERROR
                : severity < 15 ? SeverityNumber.SEVERITY_NUMBER_WARN
                : severity < 25 ? SeverityNumber.SEVERITY_NUMBER_DEBUG : SeverityNumber.SEVERITY_NUMBER_INFO;
        String text = switch (number) {
            case SEVERITY_NUMBER_ERROR -> "ERROR";
            case SEVERITY_NUMBER_WARN -> "WARN";
            case SEVERITY_NUMBER_DEBUG -> "DEBUG";
            default -> "INFO";
        };
        long time = now - random.nextLong(60_000_000_000L);
        LogRecord.Builder record = LogRecord.newBuilder()
                .setTimeUnixNano(time)
                .setObservedTimeUnixNano(time + 1_000_000L)
                .setSeverityNumber(number)
                .setSeverityText(text)
                .setBody(AnyValue.newBuilder().setStringValue(body(random)))
                .addAttributes(string("code.function", WORDS[random.nextInt(WORDS.length)] + "Handler.handle"))
                .addAttributes(string("thread.name", "worker-" + random.nextInt(32)))
                .addAttributes(string("enduser.id", "user-" + random.nextInt(10_000)))
                .addAttributes(string("tenant", "tenant-" + random.nextInt(20)));
        if (random.nextInt(10) < 7) {
            record.setTraceId(ByteString.copyFrom(randomId(random, 16))).setSpanId(ByteString.copyFrom(randomId(random, 8)))
                    .setFlags(1);
        }
        return record.build();
    }

    private static String body(SplittableRandom random) {
        String template = TEMPLATES[random.nextInt(TEMPLATES.length)];
        List<Object> args = new ArrayList<>();
        for (int i = template.indexOf('%'); i >= 0; i = template.indexOf('%', i + 1)) {
            args.add(template.charAt(i + 1) == 'd' ? random.nextInt(2_000)
                    : random.nextBoolean() ? WORDS[random.nextInt(WORDS.length)] : Long.toHexString(random.nextLong()));
        }
        return String.format(template, args.toArray());
    }
}
