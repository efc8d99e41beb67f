package dev.vigil.bench.ingest;

import dev.vigil.bench.IngestAuthorization;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends prepared export requests of one signal ({@code /v1/traces}, {@code /v1/logs}, {@code /v1/metrics}) from a
 * fixed number of concurrent senders, as an OTLP exporter would: a retryable refusal (429, 503) is sent again after
 * its {@code Retry-After}, anything else but 200 ends the benchmark, and a partial success counts as a failure (every
 * item must be accepted for the stored count to be checked).
 */
public final class OtlpHttpLoad {
    /** An OTLP signal: where its exports go and how its answer tells of rejected items. */
    public enum Signal {
        TRACES("/v1/traces", "spans", body -> ExportTraceServiceResponse.parseFrom(body).getPartialSuccess().getRejectedSpans()),
        LOGS("/v1/logs", "log records", body -> ExportLogsServiceResponse.parseFrom(body).getPartialSuccess().getRejectedLogRecords()),
        METRICS("/v1/metrics", "data points", body -> ExportMetricsServiceResponse.parseFrom(body).getPartialSuccess().getRejectedDataPoints());

        private final String path;
        private final String items;
        private final Rejected rejected;

        Signal(String path, String items, Rejected rejected) {
            this.path = path;
            this.items = items;
            this.rejected = rejected;
        }
    }

    private interface Rejected {
        long count(byte[] responseBody) throws InvalidProtocolBufferException;
    }

    /** What the load achieved. */
    public record Result(long startNanos, long endNanos, long[] latencyNanos, int retries) {
        public double seconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    private final Optional<String> authorization = IngestAuthorization.header();

    private final Signal signal;

    public OtlpHttpLoad(String otlpBase, Signal signal) {
        this.endpoint = URI.create(otlpBase.replaceAll("/+$", "") + signal.path);
        this.signal = signal;
    }

    public Result send(List<byte[]> bodies, int concurrency) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        long[] latencies = new long[bodies.size()];
        AtomicLong end = new AtomicLong();
        long start = System.nanoTime();
        try (ExecutorService senders = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < concurrency; c++) {
                running.add(senders.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < bodies.size()) {
                        long t0 = System.nanoTime();
                        sendOne(bodies.get(i), retries);
                        long t1 = System.nanoTime();
                        latencies[i] = t1 - t0;
                        end.accumulateAndGet(t1, Math::max);
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
        return new Result(start, end.get(), latencies, retries.get());
    }

    private void sendOne(byte[] body, AtomicInteger retries) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-protobuf")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        authorization.ifPresent(value -> builder.header("Authorization", value));
        HttpRequest request = builder.build();
        while (true) {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            if (status == 200) {
                long rejected = signal.rejected.count(response.body());
                if (rejected > 0) {
                    throw new IllegalStateException("ingest rejected " + rejected + " " + signal.items + " of an export");
                }
                return;
            }
            if (status == 429 || status == 503) {
                retries.incrementAndGet();
                long wait = response.headers().firstValueAsLong("Retry-After").orElse(1);
                Thread.sleep(Math.max(100, wait * 1000));
                continue;
            }
            throw new IllegalStateException("ingest answered " + status + " to an export: "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)
                    + IngestAuthorization.hint(status));
        }
    }

    public static List<byte[]> encode(List<? extends MessageLite> requests) {
        List<byte[]> bodies = new ArrayList<>(requests.size());
        for (MessageLite r : requests) {
            bodies.add(r.toByteArray());
        }
        return bodies;
    }
}
