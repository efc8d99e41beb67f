package dev.vigil.bench.ingest;

import static dev.vigil.bench.ingest.OtlpValues.string;
import static dev.vigil.bench.ingest.OtlpValues.integer;
import static dev.vigil.bench.ingest.OtlpValues.bool;
import static dev.vigil.bench.ingest.OtlpValues.dbl;
import static dev.vigil.bench.ingest.OtlpValues.randomId;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The benchmark's spans: traces of {@value #SPANS_PER_TRACE} spans across {@value #SERVICES} services of
 * the run, each span with {@value #ATTRIBUTES} attributes of mixed types, about 1 in 50 an error. Built
 * up front, so that making them does not compete with the stack for the machine's cores while it is
 * being measured.
 */
final class SpanRequests {
    static final int SPANS_PER_TRACE = 10;
    static final int SERVICES = 5;
    static final int ATTRIBUTES = 20;
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE"};
    private static final String[] ROUTES = {"/api/cart", "/api/cart/{id}", "/api/checkout", "/api/products",
            "/api/products/{id}", "/api/users/{id}", "/api/orders", "/api/payments"};

    private SpanRequests() {
    }

    /** What the names of a run's services start with; no other run's do. */
    static String servicePrefix(String run) {
        return "bench-" + run + "-";
    }

    private static List<String> services(String run) {
        List<String> names = new ArrayList<>();
        for (int s = 0; s < SERVICES; s++) {
            names.add(servicePrefix(run) + "svc" + s);
        }
        return names;
    }

    /** {@code requests} export requests of {@code spansPerRequest} spans each, as OTLP protobuf bytes. */
    static List<ExportTraceServiceRequest> build(String run, int requests, int spansPerRequest, long seed) {
        if (spansPerRequest % SPANS_PER_TRACE != 0) {
            throw new IllegalArgumentException("--spans-per-request must be a multiple of " + SPANS_PER_TRACE);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<String> services = services(run);
        long now = System.currentTimeMillis() * 1_000_000L;
        List<ExportTraceServiceRequest> out = new ArrayList<>(requests);
        for (int r = 0; r < requests; r++) {
            List<List<Span>> perService = new ArrayList<>();
            for (int s = 0; s < SERVICES; s++) {
                perService.add(new ArrayList<>());
            }
            for (int t = 0; t < spansPerRequest / SPANS_PER_TRACE; t++) {
                addTrace(random, now, perService);
            }
            ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
            for (int s = 0; s < SERVICES; s++) {
                if (perService.get(s).isEmpty()) {
                    continue;
                }
                request.addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(Resource.newBuilder()
                                .addAttributes(string("service.name", services.get(s)))
                                .addAttributes(string("k8s.namespace.name", "bench"))
                                .addAttributes(string("k8s.deployment.name", services.get(s)))
                                .addAttributes(string("k8s.pod.name", services.get(s) + "-7d9f8c6b5-x" + s))
                                .addAttributes(string("telemetry.sdk.language", "java")))
                        .addScopeSpans(ScopeSpans.newBuilder()
                                .setScope(InstrumentationScope.newBuilder().setName("dev.vigil.bench").setVersion("1.0"))
                                .addAllSpans(perService.get(s))));
            }
            out.add(request.build());
        }
        return out;
    }

    private static void addTrace(SplittableRandom random, long now, List<List<Span>> perService) {
        byte[] traceId = randomId(random, 16);
        byte[] parent = new byte[0];
        long start = now - random.nextLong(60_000_000_000L);
        for (int i = 0; i < SPANS_PER_TRACE; i++) {
            byte[] spanId = randomId(random, 8);
            int service = i % SERVICES;
            long duration = 200_000L + random.nextLong(50_000_000L);
            boolean error = random.nextInt(50) == 0;
            Span.Builder span = Span.newBuilder()
                    .setTraceId(ByteString.copyFrom(traceId))
                    .setSpanId(ByteString.copyFrom(spanId))
                    .setParentSpanId(ByteString.copyFrom(parent))
                    .setName(ROUTES[random.nextInt(ROUTES.length)])
                    .setKind(i % 2 == 0 ? Span.SpanKind.SPAN_KIND_SERVER : Span.SpanKind.SPAN_KIND_CLIENT)
                    .setStartTimeUnixNano(start + i * 1_000L)
                    .setEndTimeUnixNano(start + i * 1_000L + duration)
                    .setStatus(Status.newBuilder().setCode(error ? Status.StatusCode.STATUS_CODE_ERROR
                            : Status.StatusCode.STATUS_CODE_UNSET));
            addAttributes(span, random, error);
            perService.get(service).add(span.build());
            parent = spanId;
        }
    }

    private static void addAttributes(Span.Builder span, SplittableRandom random, boolean error) {
        String method = METHODS[random.nextInt(METHODS.length)];
        span.addAttributes(string("http.request.method", method))
                .addAttributes(string("http.route", ROUTES[random.nextInt(ROUTES.length)]))
                .addAttributes(string("url.path", "/api/items/" + random.nextInt(100_000)))
                .addAttributes(string("url.scheme", "http"))
                .addAttributes(integer("http.response.status_code", error ? 500 : 200))
                .addAttributes(string("server.address", "cart.shop.svc.cluster.local"))
                .addAttributes(integer("server.port", 8080))
                .addAttributes(string("client.address", "10.0." + random.nextInt(256) + "." + random.nextInt(256)))
                .addAttributes(string("network.protocol.version", "1.1"))
                .addAttributes(string("user_agent.original", "Mozilla/5.0 (X11; Linux x86_64) bench/1.0"))
                .addAttributes(string("enduser.id", "user-" + random.nextInt(10_000)))
                .addAttributes(string("session.id", Long.toHexString(random.nextLong())))
                .addAttributes(string("tenant", "tenant-" + random.nextInt(20)))
                .addAttributes(string("region", random.nextBoolean() ? "eu-west-1" : "us-east-1"))
                .addAttributes(bool("cache.hit", random.nextBoolean()))
                .addAttributes(integer("db.rows", random.nextInt(1000)))
                .addAttributes(dbl("load.ratio", random.nextDouble()))
                .addAttributes(string("feature.flag", "checkout-v" + random.nextInt(3)))
                .addAttributes(integer("retry.count", random.nextInt(3)))
                .addAttributes(string("thread.name", "http-worker-" + random.nextInt(64)));
    }
}
