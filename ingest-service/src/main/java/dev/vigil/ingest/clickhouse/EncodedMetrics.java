package dev.vigil.ingest.clickhouse;

/** The rows of the five {@code otel_metrics_*} tables that one export request holds, each table's encoded apart. */
public record EncodedMetrics(
        EncodedRows gauges,
        EncodedRows sums,
        EncodedRows histograms,
        EncodedRows exponentialHistograms,
        EncodedRows summaries) {

    /** Data points over all tables. */
    public int points() {
        return gauges.rows() + sums.rows() + histograms.rows() + exponentialHistograms.rows() + summaries.rows();
    }
}
