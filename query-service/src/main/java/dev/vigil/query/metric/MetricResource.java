package dev.vigil.query.metric;

import dev.vigil.access.role.Role;
import jakarta.annotation.security.RolesAllowed;
import dev.vigil.http.error.ApiException;
import dev.vigil.http.error.ErrorBody;
import dev.vigil.query.api.QueryConfig;
import dev.vigil.query.api.QueryParameters;
import dev.vigil.query.api.TimeRange;
import dev.vigil.store.schema.Tables;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/metrics} and {@code GET /api/v1/metrics/query}. */
@Path("/api/v1/metrics")
@Tag(name = "Metrics", description = "Metric names and time series")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "400", description = "A parameter is malformed, unknown or out of bounds",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "503", description = "ClickHouse is unavailable or a query cost guard stopped the read",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
@RolesAllowed(Role.VIEWER_NAME)
final class MetricResource {

    private static final Set<String> LIST_PARAMETERS = Set.of("from", "to", "service", "limit", "cursor");
    private static final Set<String> QUERY_PARAMETERS = Set.of("from", "to", "name", "filter", "agg", "groupBy",
            "step");
    static final int MAX_GROUP_BY = 5;
    private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9_.\\-/:]{1,128}");

    private final MetricStore store;
    private final QueryConfig config;

    MetricResource(MetricStore store, QueryConfig config) {
        this.store = store;
        this.config = config;
    }

    @GET
    @Operation(summary = "List metrics", description = "Metrics with points in the range: name, type, unit, label keys.")
    @APIResponse(responseCode = "200", description = "One page of metrics", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MetricModel.MetricPage.class)))
    public CompletionStage<MetricModel.MetricPage> metrics(@QueryParam("from") String from,
            @QueryParam("to") String to, @Parameter(description = "Only this service's metrics") @QueryParam("service") String service,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor, @Context UriInfo uri) {
        QueryParameters.rejectUnknown(uri, LIST_PARAMETERS, false);
        TimeRange range = TimeRange.parse(from, to, config);
        int pageSize = QueryParameters.limit(limit, config);
        List<String> after = QueryParameters.cursor(cursor, 2).orElse(List.of("", ""));
        return store.catalogue(seconds(range.fromNanos()), secondsUp(range.toNanos()),
                QueryParameters.text(service, "service").orElse(""), "", after.get(0), after.get(1), pageSize + 1)
                .thenApply(list -> list.size() <= pageSize
                        ? new MetricModel.MetricPage(list, null)
                        : new MetricModel.MetricPage(list.subList(0, pageSize), QueryParameters.cursor(
                                list.get(pageSize - 1).name(), list.get(pageSize - 1).type())));
    }

    @GET
    @Path("/query")
    @Operation(summary = "Query a metric's time series",
            description = "One series per distinct value of the groupBy labels (service.name is the service), one "
                    + "point per step. agg: sum, avg, min, max, count of gauge and sum points; rate (per second) of "
                    + "a counter (monotonic sum) or of a histogram's observations; p50, p90, p95, p99 of a histogram "
                    + "(interpolated inside the bucket that holds the rank). filter: label=value pairs separated by commas; resource.KEY=value "
                    + "compares a resource attribute.")
    @APIResponse(responseCode = "200", description = "The series", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MetricModel.Result.class)))
    @APIResponse(responseCode = "404", description = "No metric of this name has points in the range",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public CompletionStage<MetricModel.Result> query(@QueryParam("from") String from, @QueryParam("to") String to,
            @Parameter(description = "Metric name (required)") @QueryParam("name") String name,
            @Parameter(description = "label=value[,label=value...]; resource.KEY=value for resource attributes")
            @QueryParam("filter") String filter,
            @Parameter(description = "sum, avg, min, max, count, rate, p50, p90, p95, p99") @QueryParam("agg") String agg,
            @Parameter(description = "Label keys, comma-separated, at most 5") @QueryParam("groupBy") String groupBy,
            @Parameter(description = "Bucket length in whole seconds, e.g. 10s, 1m") @QueryParam("step") String step,
            @Context UriInfo uri) {
        QueryParameters.rejectUnknown(uri, QUERY_PARAMETERS, false);
        TimeRange range = TimeRange.parse(from, to, config);
        String metric = QueryParameters.text(name, "name")
                .orElseThrow(() -> ApiException.invalidParameter("query", "name", "is required"));
        Map<String, String> filters = pairs(filter);
        List<String> groups = groupBy(groupBy);
        long fromSeconds = seconds(range.fromNanos());
        long toSeconds = secondsUp(range.toNanos());
        long stepSeconds = QueryParameters.step(step, toSeconds - fromSeconds, QueryParameters.StepUnit.SECONDS);
        return store.catalogue(fromSeconds, toSeconds, "", metric, "", "", 10).thenCompose(found -> {
            if (found.isEmpty()) {
                throw ApiException.notFound("metric " + metric + " has no points in the range");
            }
            MetricModel.Metric m = found.getFirst();
            MetricAggregation aggregation = MetricAggregation.of(agg, m.type());
            StringBuilder where = new StringBuilder();
            Map<String, Object> parameters = new HashMap<>();
            parameters.put("from", fromSeconds);
            parameters.put("to", toSeconds);
            parameters.put("step", stepSeconds);
            parameters.put("name", metric);
            parameters.put("groupBy", groups);
            int i = 0;
            for (Map.Entry<String, String> f : filters.entrySet()) {
                boolean resource = f.getKey().startsWith("resource.");
                where.append(String.format(resource ? MetricQueries.FILTER_RESOURCE : MetricQueries.FILTER_LABEL, i));
                parameters.put("filterKey" + i, resource ? f.getKey().substring("resource.".length()) : f.getKey());
                parameters.put("filterValue" + i, f.getValue());
                i++;
            }
            String sql;
            boolean histogram = aggregation.isQuantile();
            if (histogram) {
                sql = String.format(MetricQueries.HISTOGRAM, where);
            } else if (aggregation == MetricAggregation.RATE) {
                MetricQueries.RateOf of = m.type().equals("histogram") ? MetricQueries.RATE_OF_HISTOGRAM
                        : MetricQueries.RATE_OF_SUM;
                sql = String.format(MetricQueries.RATE, where, of.counted(), of.points());
            } else {
                sql = String.format(MetricQueries.POINTS, aggregation.sql,
                        m.type().equals("gauge") ? Tables.METRICS_GAUGE : Tables.METRICS_SUM, where);
            }
            return store.series(sql, parameters, histogram).thenApply(rows -> new MetricModel.Result(metric,
                    m.type(), m.unit(), aggregation.apiName(), stepSeconds, Instant.ofEpochSecond(fromSeconds).toString(),
                    Instant.ofEpochSecond(toSeconds).toString(),
                    series(rows, groups, aggregation, fromSeconds, toSeconds, stepSeconds)));
        });
    }

    private static List<MetricModel.Series> series(List<MetricStore.Row> rows, List<String> groups,
            MetricAggregation aggregation, long from, long to, long step) {
        Map<List<String>, Map<Long, Double>> byGroup = new LinkedHashMap<>();
        for (MetricStore.Row row : rows) {
            double value = aggregation.isQuantile()
                    ? HistogramQuantile.of(aggregation.level(), row.counts(), row.bounds())
                    : row.value();
            byGroup.computeIfAbsent(row.groupValues(), k -> new HashMap<>()).put(row.bucket(), value);
        }
        List<MetricModel.Series> out = new ArrayList<>();
        byGroup.forEach((groupValues, values) -> {
            Map<String, String> labels = new LinkedHashMap<>();
            for (int i = 0; i < groups.size(); i++) {
                labels.put(groups.get(i), groupValues.get(i));
            }
            List<MetricModel.Point> points = new ArrayList<>();
            for (long bucket = from; bucket < to; bucket += step) {
                Double value = values.get(bucket);
                points.add(new MetricModel.Point(Instant.ofEpochSecond(bucket).toString(),
                        value == null || value.isNaN() ? null : value));
            }
            out.add(new MetricModel.Series(labels, points));
        });
        return out;
    }

    private static Map<String, String> pairs(String filter) {
        Map<String, String> out = new LinkedHashMap<>();
        if (filter == null || filter.isEmpty()) {
            return out;
        }
        QueryParameters.text(filter.length() > 256 ? filter.substring(0, 257) : filter, "filter");
        for (String pair : filter.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw ApiException.invalidParameter("query", "filter", "must be label=value pairs separated by commas");
            }
            out.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        if (out.size() > QueryParameters.MAX_ATTRIBUTE_FILTERS) {
            throw ApiException.invalidParameter("query", "filter", "may hold at most "
                    + QueryParameters.MAX_ATTRIBUTE_FILTERS + " pairs");
        }
        return out;
    }

    private static List<String> groupBy(String raw) {
        Optional<String> text = QueryParameters.text(raw, "groupBy");
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        for (String key : text.get().split(",", -1)) {
            if (!LABEL_KEY.matcher(key.strip()).matches()) {
                throw ApiException.invalidParameter("query", "groupBy", "must be label keys (letters, digits, "
                        + "'.', '_', '-', '/', ':') separated by commas");
            }
            keys.add(key.strip());
        }
        if (keys.size() > MAX_GROUP_BY) {
            throw ApiException.invalidParameter("query", "groupBy", "may name at most " + MAX_GROUP_BY + " labels");
        }
        return keys;
    }

    private static long seconds(long nanos) {
        return Math.floorDiv(nanos, 1_000_000_000L);
    }

    private static long secondsUp(long nanos) {
        return -Math.floorDiv(-nanos, 1_000_000_000L);
    }
}
