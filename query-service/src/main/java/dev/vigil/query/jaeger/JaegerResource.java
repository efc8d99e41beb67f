package dev.vigil.query.jaeger;

import dev.vigil.access.role.Role;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.http.error.ApiException;
import dev.vigil.query.api.QueryConfig;
import dev.vigil.query.api.QueryParameters;
import dev.vigil.query.api.TimeRange;
import dev.vigil.query.dependency.DependencyStore;
import dev.vigil.query.services.Operation;
import dev.vigil.query.services.ServiceStore;
import dev.vigil.query.services.ServiceSummary;
import dev.vigil.query.services.SpanKinds;
import dev.vigil.query.trace.TraceId;
import dev.vigil.query.trace.TraceSearch;
import dev.vigil.query.trace.TraceStore;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Jaeger's query API under {@code /jaeger}: point the Jaeger UI or Grafana's Jaeger data source at
 * {@code http://HOST:8080/jaeger}. Answers are Jaeger's envelope {@code {data, total, limit, offset, errors}}; a
 * malformed parameter is a 400 in that envelope, naming the parameter.
 */
@Path("/jaeger/api")
// Answers are built as Response entities, which the build does not see; native images need them registered.
@RegisterForReflection(targets = {JaegerModel.Envelope.class, JaegerModel.Error.class, JaegerModel.Trace.class,
    JaegerModel.Span.class, JaegerModel.Reference.class, JaegerModel.KeyValue.class, JaegerModel.Log.class,
    JaegerModel.Process.class, JaegerModel.Operation.class, JaegerModel.DependencyLink.class})
@Tag(name = "Jaeger", description = "Jaeger query API (for the Jaeger UI and Grafana's Jaeger data source)")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.VIEWER_NAME)
final class JaegerResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> NO_PARAMETERS = Set.of();
    private static final Set<String> OPERATIONS_PARAMETERS = Set.of("service", "spanKind");
    private static final Set<String> SEARCH_PARAMETERS = Set.of("service", "operation", "tags", "minDuration",
            "maxDuration", "limit", "start", "end", "lookback");
    private static final Set<String> DEPENDENCY_PARAMETERS = Set.of("endTs", "lookback");
    /** Jaeger lists services and operations without a time range; Vigil looks back this far. */
    private static final int MAX_NAMES = 10_000;

    private final ServiceStore services;
    private final TraceStore traces;
    private final DependencyStore dependencies;
    private final QueryConfig config;

    JaegerResource(ServiceStore services, TraceStore traces, DependencyStore dependencies, QueryConfig config) {
        this.services = services;
        this.traces = traces;
        this.dependencies = dependencies;
        this.config = config;
    }

    @GET
    @Path("/services")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "Jaeger: service names",
            description = "Services seen within vigil.query.max-window before now.")
    public CompletionStage<Response> services(@Context UriInfo uri) {
        return answer(() -> {
            QueryParameters.rejectUnknown(uri, NO_PARAMETERS, false);
            return services.services(namesWindow(), "", MAX_NAMES)
                    .thenApply(list -> JaegerModel.Envelope.of(list.stream().map(ServiceSummary::name).toList()));
        });
    }

    @GET
    @Path("/services/{service}/operations")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "Jaeger: operation names of a service")
    public CompletionStage<Response> serviceOperations(@PathParam("service") String service, @Context UriInfo uri) {
        return answer(() -> {
            QueryParameters.rejectUnknown(uri, NO_PARAMETERS, false);
            String name = QueryParameters.text(service, "service")
                    .orElseThrow(() -> ApiException.invalidParameter("path", "service", "must not be empty"));
            return services.operations(name, namesWindow(), "", "", "", MAX_NAMES).thenApply(list ->
                    JaegerModel.Envelope.of(List.copyOf(new LinkedHashSet<>(list.stream().map(Operation::name)
                            .toList()))));
        });
    }

    @GET
    @Path("/operations")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "Jaeger: operations of a service with their span kind")
    public CompletionStage<Response> operations(@QueryParam("service") String service,
            @QueryParam("spanKind") String spanKind, @Context UriInfo uri) {
        return answer(() -> {
            QueryParameters.rejectUnknown(uri, OPERATIONS_PARAMETERS, false);
            String name = QueryParameters.text(service, "service")
                    .orElseThrow(() -> ApiException.invalidParameter("query", "service", "is required"));
            String kind = QueryParameters.text(spanKind, "spanKind").map(k -> SpanKinds.stored(k, "spanKind"))
                    .orElse("");
            return services.operations(name, namesWindow(), kind, "", "", MAX_NAMES).thenApply(list ->
                    JaegerModel.Envelope.of(list.stream().map(o -> new JaegerModel.Operation(o.name(),
                            o.spanKind().toLowerCase(Locale.ROOT))).toList()));
        });
    }

    @GET
    @Path("/traces")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "Jaeger: find traces",
            description = "service (required), operation, tags (a JSON object; error=true asks for ERROR spans), "
                    + "minDuration/maxDuration (e.g. 1.2s, 100ms), limit (default 20), start/end (µs since the "
                    + "epoch) or lookback (e.g. 1h).")
    public CompletionStage<Response> findTraces(@QueryParam("service") String service,
            @QueryParam("operation") String operation, @QueryParam("tags") String tags,
            @QueryParam("minDuration") String minDuration, @QueryParam("maxDuration") String maxDuration,
            @QueryParam("limit") String limit, @QueryParam("start") String start, @QueryParam("end") String end,
            @QueryParam("lookback") String lookback, @Context UriInfo uri) {
        return answer(() -> {
            QueryParameters.rejectUnknown(uri, SEARCH_PARAMETERS, false);
            Optional<String> serviceName = QueryParameters.text(service, "service");
            if (serviceName.isEmpty()) {
                throw ApiException.invalidParameter("query", "service", "is required");
            }
            TimeRange range = range(start, end, lookback);
            Map<String, String> attributes = new LinkedHashMap<>(tags(tags));
            boolean errorsOnly = "true".equals(attributes.remove("error"));
            Optional<Long> min = QueryParameters.durationNanos(minDuration, "minDuration");
            Optional<Long> max = QueryParameters.durationNanos(maxDuration, "maxDuration");
            int pageSize = QueryParameters.limit(limit, config);
            TraceSearch search = new TraceSearch(range, serviceName,
                    QueryParameters.text(operation, "operation").filter(o -> !o.equals("all")), min, max, errorsOnly,
                    Map.of(), Map.of(), attributes, pageSize, TraceSearch.Order.RECENT, Optional.empty());
            return traces.matching(search, pageSize).thenCompose(matches -> {
                List<String> ids = matches.stream().map(TraceStore.Match::traceId).toList();
                return traces.findAll(ids).thenApply(found -> {
                    List<JaegerModel.Trace> out = new ArrayList<>();
                    ids.forEach(id -> Optional.ofNullable(found.get(id)).map(JaegerTraces::of).ifPresent(out::add));
                    return JaegerModel.Envelope.of(out);
                });
            });
        });
    }

    @GET
    @Path("/traces/{traceId}")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "Jaeger: one trace")
    public CompletionStage<Response> trace(@PathParam("traceId") String traceId, @Context UriInfo uri) {
        return answer(() -> {
            QueryParameters.rejectUnknown(uri, NO_PARAMETERS, false);
            TraceId id = TraceId.parse(traceId, "traceId");
            return traces.find(id).thenApply(trace -> trace
                    .<Object>map(t -> JaegerModel.Envelope.of(List.of(JaegerTraces.of(t))))
                    .orElseGet(() -> Response.status(404)
                            .entity(JaegerModel.Envelope.error(404, "trace not found")).build()));
        });
    }

    @GET
    @Path("/dependencies")
    @org.eclipse.microprofile.openapi.annotations.Operation(summary = "Jaeger: service dependencies",
            description = "endTs (ms since the epoch, default now) and lookback (ms, default 1 h).")
    public CompletionStage<Response> dependencies(@QueryParam("endTs") String endTs,
            @QueryParam("lookback") String lookback, @Context UriInfo uri) {
        return answer(() -> {
            QueryParameters.rejectUnknown(uri, DEPENDENCY_PARAMETERS, false);
            long endNanos = endTs == null || endTs.isEmpty()
                    ? System.currentTimeMillis() * 1_000_000L
                    : millisToNanos(QueryParameters.wholeNumber(endTs, "endTs"), "endTs");
            long lookbackNanos = lookback == null || lookback.isEmpty()
                    ? config.defaultWindow().toNanos()
                    : millisToNanos(QueryParameters.wholeNumber(lookback, "lookback"), "lookback");
            TimeRange range = TimeRange.of(endNanos - lookbackNanos, "lookback", endNanos, "endTs", config);
            return dependencies.graph(range).thenApply(graph -> JaegerModel.Envelope.of(
                    DependencyStore.serviceCalls(graph).entrySet().stream()
                            .map(e -> new JaegerModel.DependencyLink(e.getKey().get(0), e.getKey().get(1),
                                    e.getValue()))
                            .toList()));
        });
    }

    private TimeRange namesWindow() {
        long now = System.currentTimeMillis() * 1_000_000L;
        return new TimeRange(now - config.maxWindow().toNanos(), now);
    }

    private TimeRange range(String start, String end, String lookback) {
        long endNanos = end == null || end.isEmpty()
                ? System.currentTimeMillis() * 1_000_000L
                : microsToNanos(QueryParameters.wholeNumber(end, "end"), "end");
        long startNanos;
        if (start != null && !start.isEmpty()) {
            startNanos = microsToNanos(QueryParameters.wholeNumber(start, "start"), "start");
        } else {
            Optional<Long> back = "custom".equals(lookback) ? Optional.empty()
                    : QueryParameters.durationNanos(lookback, "lookback");
            startNanos = endNanos - back.orElse(config.defaultWindow().toNanos());
        }
        return TimeRange.of(startNanos, "start", endNanos, "end", config);
    }

    private static long microsToNanos(long micros, String name) {
        if (micros > Long.MAX_VALUE / 1_000) {
            throw ApiException.invalidParameter("query", name, "is too far in the future");
        }
        return micros * 1_000;
    }

    private static long millisToNanos(long millis, String name) {
        if (millis > Long.MAX_VALUE / 1_000_000) {
            throw ApiException.invalidParameter("query", name, "is too large");
        }
        return millis * 1_000_000;
    }

    /** Jaeger's {@code tags}: a JSON object of tag values, compared as text. */
    private static Map<String, String> tags(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        JsonNode node;
        try {
            node = raw.length() > 8192 ? null : JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw ApiException.invalidParameter("query", "tags", "must be a JSON object such as {\"error\":\"true\"}");
        }
        if (node.size() > QueryParameters.MAX_ATTRIBUTE_FILTERS + 1) {
            throw ApiException.invalidParameter("query", "tags", "may name at most "
                    + QueryParameters.MAX_ATTRIBUTE_FILTERS + " tags");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            JsonNode value = e.getValue();
            if (!value.isValueNode() || e.getKey().isEmpty()) {
                throw ApiException.invalidParameter("query", "tags", "values must be strings, numbers or booleans");
            }
            tags.put(e.getKey(), value.asText());
        });
        return tags;
    }

    /** Runs {@code call}, answering a client mistake in Jaeger's envelope; other failures go to the shared error mappers (http-errors). */
    private static CompletionStage<Response> answer(Supplier<CompletionStage<?>> call) {
        try {
            return call.get().thenApply(result -> result instanceof Response response
                    ? response
                    : Response.ok(result).build());
        } catch (ApiException e) {
            return CompletableFuture.completedFuture(Response.status(e.status())
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(JaegerModel.Envelope.error(e.status(), e.getMessage())).build());
        }
    }
}
