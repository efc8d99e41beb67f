package dev.vigil.query.golden;

import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import dev.vigil.query.api.TimeRange;
import dev.vigil.query.clickhouse.ClickHouseReader;
import dev.vigil.query.golden.GoldenSignals.Latency;
import dev.vigil.query.golden.GoldenSignals.Point;
import dev.vigil.query.golden.GoldenSignals.Saturation;
import dev.vigil.query.golden.GoldenSignals.Values;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        CompletionStage<List<Map.Entry<String, Row>>> rows = clickHouse.query(GoldenSignalQueries.SUMMARY, Map.of(
                "fromMinute", from,
                "toMinute", to), r -> {
                    List<Map.Entry<String, Row>> out = new ArrayList<>();
                    while (r.hasNext()) {
                        r.next();
                        out.add(Map.entry(r.getString("ServiceName"), row(r)));
                    }
                    return out;
                });
        return rows.thenCombine(saturation.summary(from, to), (services, saturationByService) ->
                new GoldenSignals.Summary(Instant.ofEpochSecond(from).toString(), Instant.ofEpochSecond(to).toString(),
                        services.stream().map(e -> new GoldenSignals.ServiceSummary(e.getKey(),
                                values(e.getValue(), to - from, saturationByService.get(e.getKey())))).toList()));
    }

    private static Row row(ClickHouseBinaryFormatReader r) {
        List<?> q = r.getList("Latency");
        return new Row(r.getLong("Requests"), r.getLong("Errors"),
                new Latency(millis(q.get(0)), millis(q.get(1)), millis(q.get(3))));
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
