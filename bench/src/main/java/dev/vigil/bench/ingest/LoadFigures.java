package dev.vigil.bench.ingest;

import dev.vigil.bench.Percentiles;
import java.util.Locale;

/**
 * What sending one signal's exports through Vigil measured, the same for spans, log records and data points: the
 * items sent, the rate the receiver accepted them (200, so Kafka holds them) and the rate they were stored (counted
 * in ClickHouse, from the first send until the last was there), the request latency, and the raw insert of the same
 * rows that serves as the baseline.
 *
 * @param unit what an item is, in the plural ("spans", "log records", "data points")
 */
public record LoadFigures(String unit, long items, double acceptedPerSecond, double storedPerSecond,
        Percentiles latency, int retries, RawInsertBaseline.Result raw) {

    /** The figures of {@code items} sent as {@code sent} tells, all stored {@code storedSeconds} after the first send. */
    public static LoadFigures of(String unit, long items, OtlpHttpLoad.Result sent, double storedSeconds,
            RawInsertBaseline.Result raw) {
        return new LoadFigures(unit, items, items / sent.seconds(), items / storedSeconds,
                new Percentiles(sent.latencyNanos()), sent.retries(), raw);
    }

    public double storedOverRaw() {
        return storedPerSecond / raw.rowsPerSecond();
    }

    /** The table's rows before the signal's bytes on disk: items sent, accepted, stored, request latency. */
    public void printLoadRows(String storedWhere) {
        System.out.println("| figure | value |");
        System.out.println("|---|---|");
        row(unit + " sent", String.format(Locale.ROOT, "%,d", items));
        row("accepted " + unit + "/s (200 from ingest)", String.format(Locale.ROOT, "%,.0f", acceptedPerSecond));
        row("stored " + unit + "/s (" + storedWhere + ", end to end)", String.format(Locale.ROOT, "%,.0f",
                storedPerSecond));
        row("request latency p50 / p99", String.format(Locale.ROOT, "%.1f ms / %.1f ms (%d requests, %d retried)",
                latency.millis(50), latency.millis(99), latency.count(), retries));
    }

    /** The table's rows after the signal's bytes on disk: the baseline and the ratio against it. */
    public void printBaselineRows(int batchRows, String perItem) {
        row("baseline: raw insert rows/s (same rows, RowBinary, " + batchRows + "-row batches)",
                String.format(Locale.ROOT, "%,.0f", raw.rowsPerSecond()));
        row("baseline: bytes per " + perItem + " on disk", String.format(Locale.ROOT, "%.1f", raw.bytesPerRow()));
        row("stored " + unit + "/s ÷ raw insert rows/s", String.format(Locale.ROOT, "%.2f", storedOverRaw()));
    }

    /** One row of a benchmark's Markdown table. */
    public static void row(String name, String value) {
        System.out.println("| " + name + " | " + value + " |");
    }
}
