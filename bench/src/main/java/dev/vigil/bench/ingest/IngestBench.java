package dev.vigil.bench.ingest;

import dev.vigil.bench.BenchArgs;
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

    /** What one run measured: the load, and bytes per span in otel_traces and in every span table. */
    public record Figures(LoadFigures load, double bytesPerSpan, double allTablesBytesPerSpan) {
    }

    private IngestBench() {
    }

    public static void run(BenchArgs args) throws Exception {
        Settings settings = Settings.from(args);
        args.checkAllKnown();
        Figures f = measure(settings, System.out);
        System.out.println();
        f.load().printLoadRows("counted in ClickHouse");
        LoadFigures.row("bytes per span on disk (pipeline, otel_traces)", String.format(Locale.ROOT, "%.1f",
                f.bytesPerSpan()));
        LoadFigures.row("bytes per span on disk (pipeline, every span table)", String.format(Locale.ROOT, "%.1f",
                f.allTablesBytesPerSpan()));
        f.load().printBaselineRows(settings.batchRows(), "span");
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
            return new Figures(LoadFigures.of("spans", total, sent, storedSeconds, raw),
                    (double) (bytesAfter - bytesBefore) / total, (double) (allAfter - allBefore) / total);
        }
    }
}
