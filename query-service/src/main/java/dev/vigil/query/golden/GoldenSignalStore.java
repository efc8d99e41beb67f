package dev.vigil.query.golden;

import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import dev.vigil.query.api.TimeRange;
import dev.vigil.query.clickhouse.ClickHouseReader;
import dev.vigil.query.golden.GoldenSignals.Latency;
import dev.vigil.query.golden.GoldenSignals.Point;
import dev.vigil.query.golden.GoldenSignals.Saturation;
import dev.vigil.query.golden.GoldenSignals.Values;
import dev.vigil.query.services.SpanKinds;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

/**
 * Reads the golden signals from the per-minute view; ranges are widened to whole minutes and rates are per second
 * of the widened bucket or range. Failures are {@link dev.vigil.query.clickhouse.StorageException}s.
 */
@Singleton
final class GoldenSignalStore {

    private final ClickHouseReader clickHouse;
    private final SaturationSource saturation;

    GoldenSignalStore(ClickHouseReader clickHouse, SaturationSource saturation) {
        this.clickHouse = clickHouse;
        this.saturation = saturation;
    }

    private record Row(long requests, long errors, Latency latency) {
    }

    CompletionStage<GoldenSignals.Series> series(String service, Optional<String> operation, TimeRange range,
            long step) {
        long from = range.fromMinuteSeconds();
        long to = range.toMinuteSeconds();
        CompletionStage<Map<Long, Row>> rows = clickHouse.query(GoldenSignalQueries.SERIES, Map.of(
                "service", service,
                "operation", operation.orElse(""),
                "fromMinute", from,
                "toMinute", to,
                "step", step), r -> {
                    Map<Long, Row> byBucket = new HashMap<>();
                    while (r.hasNext()) {
                        r.next();
                        byBucket.put(r.getLong("Bucket"), row(r));
                    }
                    return byBucket;
                });
        return rows.thenCombine(saturation.series(service, from, to, step), (byBucket, saturationByBucket) -> {
            List<Point> points = new ArrayList<>();
            for (long bucket = from; bucket < to; bucket += step) {
                long length = Math.min(step, to - bucket);
                Row row = byBucket.getOrDefault(bucket, new Row(0, 0, null));
                points.add(new Point(Instant.ofEpochSecond(bucket).toString(),
                        values(row, length, saturationByBucket.get(bucket))));
            }
            return new GoldenSignals.Series(service, operation.orElse(null), step,
                    Instant.ofEpochSecond(from).toString(), Instant.ofEpochSecond(to).toString(), points);
        });
    }

    CompletionStage<GoldenSignals.Summary> summary(TimeRange range) {
        long from = range.fromMinuteSeconds();
        long to = range.toMinuteSeconds();
        Map<String, Object> parameters = Map.of("fromMinute", from, "toMinute", to);
        CompletionStage<List<Map.Entry<String, Row>>> rows = clickHouse.query(
                        GoldenSignalQueries.REQUESTS_VIEW_COMPLETE, parameters, r -> {
                            // One row: an aggregate without GROUP BY.
                            r.next();
                            return r.getInteger("Complete") == 1;
                        })
                .thenCompose(complete -> clickHouse.query(complete ? GoldenSignalQueries.SUMMARY
                        : GoldenSignalQueries.SUMMARY_FROM_OPERATIONS, parameters, r -> {
                            List<Map.Entry<String, Row>> out = new ArrayList<>();
                            while (r.hasNext()) {
                                r.next();
                                out.add(Map.entry(r.getString("ServiceName"), row(r)));
                            }
                            return out;
                        }));
        return rows.thenCombine(saturation.summary(from, to), (services, saturationByService) ->
                new GoldenSignals.Summary(Instant.ofEpochSecond(from).toString(), Instant.ofEpochSecond(to).toString(),
                        services.stream().map(e -> new GoldenSignals.ServiceSummary(e.getKey(),
                                values(e.getValue(), to - from, saturationByService.get(e.getKey())))).toList()));
    }

    /**
     * Every service's summary and series: one read of the per-minute view (see
     * {@link GoldenSignalQueries#SERVICES}) and one of the saturation gauges, whatever the number of services.
     */
    CompletionStage<GoldenSignals.Services> services(TimeRange range, long step) {
        long from = range.fromMinuteSeconds();
        long to = range.toMinuteSeconds();
        record ServiceRows(Row total, Map<Long, Row> buckets) {
        }
        CompletionStage<Map<String, ServiceRows>> rows = clickHouse.query(GoldenSignalQueries.SERVICES, Map.of(
                "fromMinute", from,
                "toMinute", to,
                "step", step), r -> {
                    Map<String, ServiceRows> byService = new TreeMap<>();
                    while (r.hasNext()) {
                        r.next();
                        ServiceRows service = byService.computeIfAbsent(r.getString("ServiceName"),
                                s -> new ServiceRows(null, new HashMap<>()));
                        if (r.getInteger("Total") == 1) {
                            byService.put(r.getString("ServiceName"), new ServiceRows(row(r), service.buckets()));
                        } else {
                            service.buckets().put(r.getLong("Bucket"), row(r));
                        }
                    }
                    return byService;
                });
        return rows.thenCombine(saturation.summary(from, to), (byService, total) -> Map.entry(byService, total))
                .thenCombine(saturation.seriesByService(from, to, step), (both, saturationSeries) -> {
                    List<GoldenSignals.ServiceSeries> services = new ArrayList<>();
                    both.getKey().forEach((service, serviceRows) -> {
                        Map<Long, Saturation> saturationByBucket = saturationSeries.getOrDefault(service, Map.of());
                        List<Point> points = new ArrayList<>();
                        for (long bucket = from; bucket < to; bucket += step) {
                            Row row = serviceRows.buckets().getOrDefault(bucket, new Row(0, 0, null));
                            points.add(new Point(Instant.ofEpochSecond(bucket).toString(),
                                    values(row, Math.min(step, to - bucket), saturationByBucket.get(bucket))));
                        }
                        Row total = serviceRows.total() == null ? new Row(0, 0, null) : serviceRows.total();
                        services.add(new GoldenSignals.ServiceSeries(service,
                                values(total, to - from, both.getValue().get(service)), points));
                    });
                    return new GoldenSignals.Services(Instant.ofEpochSecond(from).toString(),
                            Instant.ofEpochSecond(to).toString(), step, services);
                });
    }

    /** Every operation (span name and kind) of {@code service} with spans in the range, busiest first. */
    CompletionStage<GoldenSignals.Operations> operations(String service, TimeRange range) {
        long from = range.fromMinuteSeconds();
        long to = range.toMinuteSeconds();
        return clickHouse.query(GoldenSignalQueries.OPERATIONS, Map.of(
                "service", service,
                "fromMinute", from,
                "toMinute", to), r -> {
                    List<GoldenSignals.OperationSummary> operations = new ArrayList<>();
                    while (r.hasNext()) {
                        r.next();
                        operations.add(new GoldenSignals.OperationSummary(r.getString("SpanName"),
                                SpanKinds.api(r.getString("SpanKind")), values(row(r), to - from, null)));
                    }
                    return new GoldenSignals.Operations(service, Instant.ofEpochSecond(from).toString(),
                            Instant.ofEpochSecond(to).toString(), operations);
                });
    }

    private static Row row(ClickHouseBinaryFormatReader r) {
        List<?> q = r.getList("Latency");
        return new Row(r.getLong("Requests"), r.getLong("Errors"),
                new Latency(millis(q.get(0)), millis(q.get(1)), millis(q.get(2)), millis(q.get(3))));
    }

    private static Values values(Row row, long seconds, Saturation saturation) {
        return new Values(row.requests(), (double) row.requests() / seconds, row.errors(),
                (double) row.errors() / seconds,
                row.requests() == 0 ? 0 : 100.0 * row.errors() / row.requests(),
                row.requests() == 0 ? null : row.latency(),
                saturation);
    }

    private static double millis(Object nanos) {
        return ((Number) nanos).doubleValue() / 1e6;
    }
}
