package dev.vigil.store.schema;

import java.util.List;

/**
 * The names of the tables and views the schema files create, for every reader and writer. The {@code otel_*} tables
 * follow the OpenTelemetry Collector's ClickHouse exporter, so other tools read them unchanged; the {@code vigil_*}
 * ones are Vigil's own, filled by materialized views. All live in the database {@code vigil.clickhouse.database}.
 */
public final class Tables {
    /** Spans, one row each. */
    public static final String TRACES = "otel_traces";
    /** First and last timestamp of each trace id, so a trace lookup reads only its time range of {@link #TRACES}. */
    public static final String TRACES_TRACE_ID_TS = "otel_traces_trace_id_ts";
    /** Log records, one row each. */
    public static final String LOGS = "otel_logs";
    public static final String METRICS_GAUGE = "otel_metrics_gauge";
    public static final String METRICS_SUM = "otel_metrics_sum";
    public static final String METRICS_HISTOGRAM = "otel_metrics_histogram";
    public static final String METRICS_EXPONENTIAL_HISTOGRAM = "otel_metrics_exponential_histogram";
    public static final String METRICS_SUMMARY = "otel_metrics_summary";
    /** Access logs with source and destination, drawn from {@link #LOGS}. */
    public static final String ACCESS_LOGS = "vigil_access_logs";
    /** Per-minute span statistics of every service, operation and span kind. */
    public static final String SPAN_STATS_1M = "vigil_span_stats_1m";
    /** Per-minute requests (Server and Consumer spans) of every service, with t-digest latency states. */
    public static final String SERVICE_REQUESTS_1M = "vigil_service_requests_1m";
    /** The spans that make the service dependency graph's edges. */
    public static final String DEPENDENCY_SPANS = "vigil_dependency_spans";
    /** The dependency graph's edges per minute, written by query-service's dependency rollup. */
    public static final String DEPENDENCY_EDGES_1M = "vigil_dependency_edges_1m";
    /** The minutes rolled up into {@link #DEPENDENCY_EDGES_1M}, with the caller spans each had then. */
    public static final String DEPENDENCY_ROLLUPS = "vigil_dependency_rollups";
    /** The dependency graph's edges per block of ten minutes, merged from {@link #DEPENDENCY_EDGES_1M} by the rollup. */
    public static final String DEPENDENCY_EDGES_10M = "vigil_dependency_edges_10m";
    /** The blocks rolled up into {@link #DEPENDENCY_EDGES_10M}, with the caller spans of their minutes then. */
    public static final String DEPENDENCY_ROLLUPS_10M = "vigil_dependency_rollups_10m";
    /** One row per trace for trace search. */
    public static final String TRACE_SUMMARIES = "vigil_trace_summaries";
    /** The schema files applied so far, with their checksums; written by {@link SchemaMigrator}. */
    public static final String SCHEMA_MIGRATIONS = "vigil_schema_migrations";

    /** Every table above that the schema files create (the migrator's own history table is not one of them). */
    public static final List<String> ALL = List.of(TRACES, TRACES_TRACE_ID_TS, LOGS, METRICS_GAUGE, METRICS_SUM,
            METRICS_HISTOGRAM, METRICS_EXPONENTIAL_HISTOGRAM, METRICS_SUMMARY, ACCESS_LOGS, SPAN_STATS_1M,
            DEPENDENCY_SPANS, TRACE_SUMMARIES, DEPENDENCY_EDGES_1M, DEPENDENCY_ROLLUPS,
            SERVICE_REQUESTS_1M, DEPENDENCY_EDGES_10M, DEPENDENCY_ROLLUPS_10M);

    /**
     * Every table a span lands in: {@link #TRACES}, the tables its materialized views fill, and the tables
     * query-service's dependency rollup fills from them.
     */
    public static final List<String> SPAN_TABLES = List.of(TRACES, TRACES_TRACE_ID_TS, SPAN_STATS_1M, DEPENDENCY_SPANS,
            TRACE_SUMMARIES, SERVICE_REQUESTS_1M, DEPENDENCY_EDGES_1M, DEPENDENCY_ROLLUPS, DEPENDENCY_EDGES_10M,
            DEPENDENCY_ROLLUPS_10M);
    /** Every table a log record lands in: {@link #LOGS} and the table its materialized view fills. */
    public static final List<String> LOG_TABLES = List.of(LOGS, ACCESS_LOGS);
    /** Every table a metric data point lands in, one per metric type. */
    public static final List<String> METRIC_TABLES = List.of(METRICS_GAUGE, METRICS_SUM, METRICS_HISTOGRAM,
            METRICS_EXPONENTIAL_HISTOGRAM, METRICS_SUMMARY);

    private Tables() {
    }
}
