package dev.vigil.bench.ingest;

import dev.vigil.bench.BenchArgs;
import dev.vigil.bench.Percentiles;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The ingest benchmark. Against a running Vigil it sends OTLP/HTTP protobuf spans with 20 attributes
 * each, and reports: accepted spans/s (the receiver answered 200, so Kafka holds them), stored spans/s
 * (counted in ClickHouse: receive → Kafka → persist → ClickHouse, end to end), request latency, and
 * bytes per span on disk. As the baseline, in the same run, the same rows are inserted in RowBinary
 * straight into a copy of the table with the official client, in batches of the persist stage's size,
 * so the ratio says what the pipeline costs over a plain ClickHouse insert.
 */
public final class IngestBench {
    private IngestBench() {
    }

    public static void run(BenchArgs args) throws Exception {
        String otlp = args.string("otlp", "http://127.0.0.1:4318");
        String clickhouse = args.string("clickhouse", "http://127.0.0.1:8123");
        String database = args.string("database", "vigil");
        int spans = args.integer("spans", 600_000);
        int perRequest = args.integer("spans-per-request", 500);
        int concurrency = args.integer("concurrency", 4);
        int warmupSpans = args.integer("warmup-spans", 50_000);
        int batchRows = args.integer("baseline-batch-rows", 50_000);
        long seed = args.integer("seed", 42);
        Duration storeTimeout = Duration.ofSeconds(args.integer("store-timeout-seconds", 600));
        args.checkAllKnown();

        String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        String table = "`" + database + "`.otel_traces";
        System.out.printf(Locale.ROOT, "ingest benchmark, run %s: %,d spans with %d attributes each, %d per request,"
                + " %d concurrent senders%n  OTLP/HTTP %s, ClickHouse %s%n", run, spans, SpanRequests.ATTRIBUTES,
                perRequest, concurrency, otlp, clickhouse);

        try (ClickHouseFigures ch = new ClickHouseFigures(clickhouse, "default", "")) {
            OtlpHttpLoad load = new OtlpHttpLoad(otlp);

            // Warm-up: the services' JIT and the persist stage's first batches, not measured.
            String warmRun = run + "w";
            List<byte[]> warm = OtlpHttpLoad.encode(SpanRequests.build(warmRun, Math.max(1, warmupSpans / perRequest),
                    perRequest, seed + 1));
            load.send(warm, concurrency);
            awaitStored(ch, table, SpanRequests.servicePrefix(warmRun), (long) warm.size() * perRequest, storeTimeout);
            System.out.printf(Locale.ROOT, "  warm-up: %,d spans sent and stored%n", (long) warm.size() * perRequest);

            long t0 = System.nanoTime();
            List<ExportTraceServiceRequest> requests = SpanRequests.build(run, spans / perRequest, perRequest, seed);
            List<byte[]> bodies = OtlpHttpLoad.encode(requests);
            long total = (long) bodies.size() * perRequest;
            long wire = bodies.stream().mapToLong(b -> b.length).sum();
            System.out.printf(Locale.ROOT, "  prepared %,d requests (%,.1f MB of protobuf, %.0f bytes/span) in %.1f s%n",
                    bodies.size(), wire / 1e6, (double) wire / total, (System.nanoTime() - t0) / 1e9);

            long bytesBefore = ch.bytesOnDisk(database, "otel_traces");
            OtlpHttpLoad.Result sent = load.send(bodies, concurrency);
            long storedAt = awaitStored(ch, table, SpanRequests.servicePrefix(run), total, storeTimeout);
            long bytesAfter = ch.bytesOnDisk(database, "otel_traces");
            double storedSeconds = (storedAt - sent.startNanos()) / 1e9;
            Percentiles latency = new Percentiles(sent.latencyNanos());

            RawInsertBaseline.Result raw = RawInsertBaseline.run(ch, database, SpanRequests.servicePrefix(run), total, batchRows);

            double accepted = total / sent.seconds();
            double stored = total / storedSeconds;
            System.out.println();
            System.out.println("| figure | value |");
            System.out.println("|---|---|");
            row("spans sent", String.format(Locale.ROOT, "%,d", total));
            row("accepted spans/s (200 from ingest)", String.format(Locale.ROOT, "%,.0f", accepted));
            row("stored spans/s (counted in ClickHouse, end to end)", String.format(Locale.ROOT, "%,.0f", stored));
            row("request latency p50 / p99", String.format(Locale.ROOT, "%.1f ms / %.1f ms (%d requests, %d retried)",
                    latency.millis(50), latency.millis(99), latency.count(), sent.retries()));
            row("bytes per span on disk (pipeline)", String.format(Locale.ROOT, "%.1f", (double) (bytesAfter - bytesBefore) / total));
            row("baseline: raw insert rows/s (same rows, RowBinary, " + batchRows + "-row batches)",
                    String.format(Locale.ROOT, "%,.0f", raw.rowsPerSecond()));
            row("baseline: bytes per span on disk", String.format(Locale.ROOT, "%.1f", raw.bytesPerRow()));
            row("stored spans/s ÷ raw insert rows/s", String.format(Locale.ROOT, "%.2f", stored / raw.rowsPerSecond()));
        }
    }

    private static void row(String name, String value) {
        System.out.println("| " + name + " | " + value + " |");
    }

    /** Waits until ClickHouse holds all the spans; returns when it saw them (nanoTime). */
    private static long awaitStored(ClickHouseFigures ch, String table, String services, long expected,
            Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = 0;
        while (System.nanoTime() < deadline) {
            seen = ch.spans(table, services);
            if (seen >= expected) {
                if (seen > expected) {
                    throw new IllegalStateException("ClickHouse holds " + seen + " spans of the run, more than the "
                            + expected + " sent: something was stored twice");
                }
                return System.nanoTime();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("only " + seen + " of " + expected + " spans stored within " + timeout);
    }
}
