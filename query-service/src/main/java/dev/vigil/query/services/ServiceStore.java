package dev.vigil.query.services;

import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import dev.vigil.query.api.TimeRange;
import dev.vigil.query.clickhouse.ClickHouseReader;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Reads services and operations from the per-minute view. Ranges are widened to whole minutes, the view's grain.
 * Contract: answers at most {@code limit} items in name order after the given one; failures are
 * {@link dev.vigil.query.clickhouse.StorageException}s.
 */
@Singleton
public final class ServiceStore {

    private final ClickHouseReader clickHouse;

    ServiceStore(ClickHouseReader clickHouse) {
        this.clickHouse = clickHouse;
    }

    public CompletionStage<List<ServiceSummary>> services(TimeRange range, String after, int limit) {
        return clickHouse.query(ServiceQueries.SERVICES, Map.of(
                "fromMinute", range.fromMinuteSeconds(),
                "toMinute", range.toMinuteSeconds(),
                "after", after,
                "limit", limit), ServiceStore::services);
    }

    /** {@code kind} is the stored spelling, or empty for every kind. */
    public CompletionStage<List<Operation>> operations(String service, TimeRange range, String kind,
            String afterName, String afterKind, int limit) {
        return clickHouse.query(ServiceQueries.OPERATIONS, Map.of(
                "service", service,
                "fromMinute", range.fromMinuteSeconds(),
                "toMinute", range.toMinuteSeconds(),
                "kind", kind,
                "afterName", afterName,
                "afterKind", afterKind,
                "limit", limit), ServiceStore::operations);
    }

    private static List<ServiceSummary> services(ClickHouseBinaryFormatReader rows) {
        List<ServiceSummary> out = new ArrayList<>();
        while (rows.hasNext()) {
            rows.next();
            out.add(new ServiceSummary(rows.getString("ServiceName"), rows.getLong("Spans"), rows.getLong("Errors")));
        }
        return out;
    }

    private static List<Operation> operations(ClickHouseBinaryFormatReader rows) {
        List<Operation> out = new ArrayList<>();
        while (rows.hasNext()) {
            rows.next();
            out.add(new Operation(rows.getString("SpanName"), SpanKinds.api(rows.getString("SpanKind")), rows.getLong("Spans"),
                    rows.getLong("Errors")));
        }
        return out;
    }
}
