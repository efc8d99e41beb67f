package dev.vigil.bench.ingest;

import dev.vigil.bench.BenchArgs;
import dev.vigil.bench.Percentiles;
import dev.vigil.store.schema.Tables;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.PrintStream;
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
    /** How the benchmark runs. */
    public record Settings(String otlp, String clickhouse, String database, int spans, int perRequest,
            int concurrency, int warmupSpans, int batchRows, long seed, Duration storeTimeout) {
        public static Settings from(BenchArgs args) {
            return new Settings(args.string("otlp", "http://127.0.0.1:4318"),
                    args.string("clickhouse", "http://127.0.0.1:8123"), args.string("database", "vigil"),
                    args.integer("spans", 600_000), args.integer("spans-per-request", 500),
                    args.integer("concurrency", 4), args.integer("warmup-spans", 50_000),
                    args.integer("baseline-batch-rows", 50_000), args.integer("seed", 42),
                    Duration.ofSeconds(args.integer("store-timeout-seconds", 600)));
        }
    }

    /** What one run measured. */
    public record Figures(long spans, double acceptedPerSecond, double storedPerSecond, Percentiles latency,
            int retries, double bytesPerSpan, double allTablesBytesPerSpan, RawInsertBaseline.Result raw) {
        public double storedOverRaw() {
            return storedPerSecond / raw.rowsPerSecond();
        }
    }

    private IngestBench() {
    }

    public static void run(BenchArgs args) throws Exception {
        Settings settings = Settings.from(args);
        args.checkAllKnown();
        Figures f = measure(settings, System.out);
        System.out.println();
        System.out.println("| figure | value |");
        System.out.println("|---|---|");
        row("spans sent", String.format(Locale.ROOT, "%,d", f.spans()));
        row("accepted spans/s (200 from ingest)", String.format(Locale.ROOT, "%,.0f", f.acceptedPerSecond()));
        row("stored spans/s (counted in ClickHouse, end to end)", String.format(Locale.ROOT, "%,.0f", f.storedPerSecond()));
        row("request latency p50 / p99", String.format(Locale.ROOT, "%.1f ms / %.1f ms (%d requests, %d retried)",
                f.latency().millis(50), f.latency().millis(99), f.latency().count(), f.retries()));
        row("bytes per span on disk (pipeline, otel_traces)", String.format(Locale.ROOT, "%.1f", f.bytesPerSpan()));
        row("bytes per span on disk (pipeline, every span table)", String.format(Locale.ROOT, "%.1f", f.allTablesBytesPerSpan()));
        row("baseline: raw insert rows/s (same rows, RowBinary, " + settings.batchRows() + "-row batches)",
                String.format(Locale.ROOT, "%,.0f", f.raw().rowsPerSecond()));
        row("baseline: bytes per span on disk", String.format(Locale.ROOT, "%.1f", f.raw().bytesPerRow()));
        row("stored spans/s ÷ raw insert rows/s", String.format(Locale.ROOT, "%.2f", f.storedOverRaw()));
    }

    /** Runs the benchmark, telling its progress on {@code out}. */
    public static Figures measure(Settings s, PrintStream out) throws Exception {
        String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
                out.printf(Locale.ROOT, "ingest benchmark, run %s: %,d spans with %d attributes each, %d per request,"
                + " %d concurrent senders%n  OTLP/HTTP %s, ClickHouse %s%n", run, s.spans(), SpanRequests.ATTRIBUTES,
                s.perRequest(), s.concurrency(), s.otlp(), s.clickhouse());

        try (ClickHouseFigures ch = new ClickHouseFigures(s.clickhouse(), "default", "")) {
            OtlpHttpLoad load = new OtlpHttpLoad(s.otlp(), OtlpHttpLoad.Signal.TRACES);

            // Warm-up: the services' JIT and the persist stage's first batches, not measured.
            String warmRun = run + "w";
            List<byte[]> warm = OtlpHttpLoad.encode(SpanRequests.build(warmRun,
                    Math.max(1, s.warmupSpans() / s.perRequest()), s.perRequest(), s.seed() + 1));
            load.send(warm, s.concurrency());
            ch.awaitRows(s.database(), List.of(Tables.TRACES), SpanRequests.servicePrefix(warmRun),
                    (long) warm.size() * s.perRequest(), s.storeTimeout());
            out.printf(Locale.ROOT, "  warm-up: %,d spans sent and stored%n", (long) warm.size() * s.perRequest());

            long t0 = System.nanoTime();
            List<ExportTraceServiceRequest> requests = SpanRequests.build(run, s.spans() / s.perRequest(),
                    s.perRequest(), s.seed());
            List<byte[]> bodies = OtlpHttpLoad.encode(requests);
            long total = (long) bodies.size() * s.perRequest();
            long wire = bodies.stream().mapToLong(b -> b.length).sum();
            out.printf(Locale.ROOT, "  prepared %,d requests (%,.1f MB of protobuf, %.0f bytes/span) in %.1f s%n",
                    bodies.size(), wire / 1e6, (double) wire / total, (System.nanoTime() - t0) / 1e9);

            long bytesBefore = ch.bytesOnDisk(s.database(), Tables.TRACES);
            long allBefore = ch.bytesOnDisk(s.database(), Tables.SPAN_TABLES);
            OtlpHttpLoad.Result sent = load.send(bodies, s.concurrency());
            long storedAt = ch.awaitRows(s.database(), List.of(Tables.TRACES), SpanRequests.servicePrefix(run), total,
                    s.storeTimeout());
            long bytesAfter = ch.bytesOnDisk(s.database(), Tables.TRACES);
            long allAfter = ch.bytesOnDisk(s.database(), Tables.SPAN_TABLES);
            double storedSeconds = (storedAt - sent.startNanos()) / 1e9;

            RawInsertBaseline.Result raw = RawInsertBaseline.spans(ch, s.database(), SpanRequests.servicePrefix(run),
                    total, s.batchRows());
            return new Figures(total, total / sent.seconds(), total / storedSeconds,
                    new Percentiles(sent.latencyNanos()), sent.retries(), (double) (bytesAfter - bytesBefore) / total,
                    (double) (allAfter - allBefore) / total, raw);
        }
    }

    private static void row(String name, String value) {
        System.out.println("| " + name + " | " + value + " |");
    }
}
