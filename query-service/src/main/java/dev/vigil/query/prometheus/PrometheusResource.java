package dev.vigil.query.prometheus;

import dev.vigil.access.role.Role;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.promql.Engine;
import dev.vigil.promql.Expr;
import dev.vigil.promql.Expr.LabelMatcher;
import dev.vigil.promql.FloatText;
import dev.vigil.promql.Labels;
import dev.vigil.promql.Parser;
import dev.vigil.promql.PromQlSyntaxException;
import dev.vigil.promql.QueryException;
import dev.vigil.promql.Series;
import dev.vigil.promql.Value;
import dev.vigil.promql.clickhouse.ClickHouseSamples;
import dev.vigil.promql.clickhouse.ClickHouseSamples.Family;
import dev.vigil.promql.clickhouse.PrometheusNames;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Prometheus's HTTP API under {@code /prometheus}: point Grafana's Prometheus data source at
 * {@code http://HOST:8080/prometheus}. Every endpoint takes its parameters from the query string or a form body (GET
 * or POST, as Grafana sends them) and answers in Prometheus's envelope {@code {status, data | errorType, error}}.
 */
@Path("/prometheus/api/v1")
@Tag(name = "Prometheus", description = "Prometheus HTTP API (PromQL) over Vigil's metrics, for Grafana and other Prometheus clients")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.VIEWER_NAME)
public final class PrometheusResource {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Where {@code series} and {@code labels} look when no window is given: the last hour, as a browser would ask. */
    private static final long DEFAULT_METADATA_WINDOW_MS = Duration.ofHours(1).toMillis();

    private final ClickHouseSamples samples;
    private final PrometheusConfig config;

    PrometheusResource(ClickHouseSamples samples, PrometheusConfig config) {
        this.samples = samples;
        this.config = config;
    }

    @GET
    @Path("query")
    @Operation(summary = "Evaluate a PromQL expression at one time")
    public Response query(@Context UriInfo uri) {
        return answer(uri, null, this::instantQuery);
    }

    @POST
    @Path("query")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Evaluate a PromQL expression at one time (form body)")
    public Response queryForm(@Context UriInfo uri, MultivaluedMap<String, String> form) {
        return answer(uri, form, this::instantQuery);
    }

    @GET
    @Path("query_range")
    @Operation(summary = "Evaluate a PromQL expression at every step of a range")
    public Response queryRange(@Context UriInfo uri) {
        return answer(uri, null, this::rangeQuery);
    }

    @POST
    @Path("query_range")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Evaluate a PromQL expression at every step of a range (form body)")
    public Response queryRangeForm(@Context UriInfo uri, MultivaluedMap<String, String> form) {
        return answer(uri, form, this::rangeQuery);
    }

    @GET
    @Path("series")
    @Operation(summary = "The label sets of the series that match match[] selectors")
    public Response series(@Context UriInfo uri) {
        return answer(uri, null, this::seriesList);
    }

    @POST
    @Path("series")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "The label sets of the series that match match[] selectors (form body)")
    public Response seriesForm(@Context UriInfo uri, MultivaluedMap<String, String> form) {
        return answer(uri, form, this::seriesList);
    }

    @GET
    @Path("labels")
    @Operation(summary = "Label names")
    public Response labels(@Context UriInfo uri) {
        return answer(uri, null, this::labelNames);
    }

    @POST
    @Path("labels")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Label names (form body)")
    public Response labelsForm(@Context UriInfo uri, MultivaluedMap<String, String> form) {
        return answer(uri, form, this::labelNames);
    }

    @GET
    @Path("label/{name}/values")
    @Operation(summary = "A label's values")
    public Response labelValues(@Context UriInfo uri, @PathParam("name") String name) {
        return answer(uri, null, p -> labelValueList(name, p));
    }

    @GET
    @Path("metadata")
    @Operation(summary = "Type, help and unit of each metric")
    public Response metadata(@Context UriInfo uri) {
        return answer(uri, null, this::metadataMap);
    }

    @GET
    @Path("status/buildinfo")
    @Operation(summary = "The Prometheus version whose API this is")
    public Response buildInfo(@Context UriInfo uri) {
        // Clients such as Grafana pick features by this version: Vigil answers the Prometheus 3.0 API.
        return answer(uri, null, p -> {
            ObjectNode data = NODES.objectNode();
            data.put("version", "3.0.0");
            data.put("revision", "vigil");
            data.put("branch", "");
            data.put("buildUser", "");
            data.put("buildDate", "");
            data.put("goVersion", "");
            return data;
        });
    }

    private Response answer(UriInfo uri, MultivaluedMap<String, String> form, Function<ApiParameters, Object> work) {
        Map<String, List<String>> all = new HashMap<>(uri.getQueryParameters());
        if (form != null) {
            form.forEach((k, v) -> all.merge(k, v, (a, b) -> {
                List<String> both = new ArrayList<>(a);
                both.addAll(b);
                return both;
            }));
        }
        try {
            ObjectNode body = NODES.objectNode();
            body.put("status", "success");
            body.set("data", JSON.valueToTree(work.apply(new ApiParameters(all))));
            return json(200, body);
        } catch (ApiError e) {
            return error(e.type(), e.getMessage());
        } catch (PromQlSyntaxException e) {
            return error("bad_data", "invalid parameter \"query\": " + e.getMessage());
        } catch (QueryException e) {
            return error(e.errorType(), e.getMessage());
        }
    }

    private static Response error(String type, String message) {
        ObjectNode body = NODES.objectNode();
        body.put("status", "error");
        body.put("errorType", type);
        body.put("error", message);
        return json(ApiError.status(type), body);
    }

    private static Response json(int status, ObjectNode body) {
        try {
            return Response.status(status).type(MediaType.APPLICATION_JSON).entity(JSON.writeValueAsString(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Engine engine(ApiParameters p) {
        Duration timeout = p.duration("timeout", config.timeout());
        if (timeout.compareTo(config.timeout()) > 0) {
            timeout = config.timeout();
        }
        return new Engine(samples, new Engine.Limits(config.maxSamples(), timeout, config.lookbackDelta().toMillis()));
    }

    private Object instantQuery(ApiParameters p) {
        Expr expr = Parser.parse(p.required("query"));
        long time = p.time("time", System.currentTimeMillis());
        Value v = engine(p).instant(expr, time);
        ObjectNode data = NODES.objectNode();
        switch (v) {
            case Value.Scalar s -> {
                data.put("resultType", "scalar");
                data.set("result", point(time, FloatText.format(s.value())));
            }
            case Value.Text s -> {
                data.put("resultType", "string");
                data.set("result", point(time, s.value()));
            }
            case Value.Vector vector -> {
                data.put("resultType", "vector");
                ArrayNode result = data.putArray("result");
                for (Value.Sample s : vector.samples()) {
                    ObjectNode item = result.addObject();
                    item.set("metric", labels(s.labels()));
                    item.set("value", point(time, FloatText.format(s.value())));
                }
            }
            case Value.Matrix matrix -> {
                data.put("resultType", "matrix");
                ArrayNode result = data.putArray("result");
                for (Series s : matrix.series()) {
                    ObjectNode item = result.addObject();
                    item.set("metric", labels(s.labels()));
                    ArrayNode values = item.putArray("values");
                    for (int i = 0; i < s.size(); i++) {
                        values.add(point(s.times()[i], FloatText.format(s.values()[i])));
                    }
                }
            }
        }
        return data;
    }

    private Object rangeQuery(ApiParameters p) {
        Expr expr = Parser.parse(p.required("query"));
        long start = p.time("start", Long.MIN_VALUE);
        long end = p.time("end", Long.MIN_VALUE);
        if (start == Long.MIN_VALUE) {
            throw new ApiError("bad_data", "invalid parameter \"start\": missing");
        }
        if (end == Long.MIN_VALUE) {
            throw new ApiError("bad_data", "invalid parameter \"end\": missing");
        }
        if (end < start) {
            throw new ApiError("bad_data", "invalid parameter \"end\": end timestamp must not be before start time");
        }
        Duration step = p.duration("step", null);
        if (step == null) {
            throw new ApiError("bad_data", "invalid parameter \"step\": missing");
        }
        if (step.isZero() || step.isNegative()) {
            throw new ApiError("bad_data", "invalid parameter \"step\": zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        if ((end - start) / step.toMillis() > config.maxPoints()) {
            throw new ApiError("bad_data", "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)");
        }
        Map<Labels, Engine.RangeRow> rows = engine(p).range(expr, start, end, step.toMillis());
        ObjectNode data = NODES.objectNode();
        data.put("resultType", "matrix");
        ArrayNode result = data.putArray("result");
        rows.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            ObjectNode item = result.addObject();
            item.set("metric", labels(e.getKey()));
            ArrayNode values = item.putArray("values");
            Engine.RangeRow row = e.getValue();
            for (int i = row.present().nextSetBit(0); i >= 0; i = row.present().nextSetBit(i + 1)) {
                values.add(point(start + i * step.toMillis(), FloatText.format(row.values()[i])));
            }
        });
        return data;
    }

    /** The series every match[] selector reaches in the window, each label set once. */
    private List<Labels> matched(ApiParameters p, boolean required) {
        long end = p.time("end", System.currentTimeMillis());
        long start = p.time("start", end - DEFAULT_METADATA_WINDOW_MS);
        List<String> selectors = p.all("match[]");
        if (selectors.isEmpty()) {
            if (required) {
                throw new ApiError("bad_data", "no match[] parameter provided");
            }
            selectors = List.of("{__name__=~\".+\"}");
        }
        TreeSet<Labels> out = new TreeSet<>();
        for (String selector : selectors) {
            Expr e = Parser.parse(selector);
            if (!(e instanceof Expr.VectorSelector v)) {
                throw new ApiError("bad_data", "invalid parameter \"match[]\": " + selector + " is not a series selector");
            }
            List<LabelMatcher> matchers = v.matchers();
            samples.select(matchers, start, end).forEach(s -> out.add(s.labels()));
        }
        return new ArrayList<>(out);
    }

    private Object seriesList(ApiParameters p) {
        ArrayNode out = NODES.arrayNode();
        matched(p, true).forEach(l -> out.add(labels(l)));
        return out;
    }

    private Object labelNames(ApiParameters p) {
        TreeSet<String> names = new TreeSet<>();
        matched(p, false).forEach(l -> names.addAll(l.map().keySet()));
        return names;
    }

    private Object labelValueList(String name, ApiParameters p) {
        if (name.equals(Labels.NAME) && p.all("match[]").isEmpty()) {
            // Metric names come from the catalogue alone, without reading any sample: what a metric browser asks first.
            long end = p.time("end", System.currentTimeMillis());
            long start = p.time("start", end - DEFAULT_METADATA_WINDOW_MS);
            TreeSet<String> out = new TreeSet<>();
            samples.families(start, end).forEach(f -> out.addAll(f.seriesNames()));
            return out;
        }
        TreeSet<String> values = new TreeSet<>();
        matched(p, false).forEach(l -> {
            String v = l.get(name);
            if (!v.isEmpty()) {
                values.add(v);
            }
        });
        return values;
    }

    private Object metadataMap(ApiParameters p) {
        long end = System.currentTimeMillis();
        String metric = p.get("metric");
        Map<String, List<Map<String, String>>> out = new TreeMap<>();
        for (Family f : samples.families(end - DEFAULT_METADATA_WINDOW_MS, end)) {
            // Remote write 1.0 carries no type, help or unit, and Prometheus lists no metadata for such series either.
            if (f.kind() == PrometheusNames.Kind.UNTYPED || metric != null && !metric.isEmpty() && !metric.equals(f.name())) {
                continue;
            }
            String type = switch (f.kind()) {
                case COUNTER -> "counter";
                case HISTOGRAM -> "histogram";
                case GAUGE -> "gauge";
                case UNTYPED -> "unknown";
            };
            out.computeIfAbsent(f.name(), k -> new ArrayList<>())
                    .add(Map.of("type", type, "help", f.description() == null ? "" : f.description(), "unit", f.unit() == null ? "" : f.unit()));
        }
        return out;
    }

    private static ObjectNode labels(Labels labels) {
        ObjectNode out = NODES.objectNode();
        labels.map().forEach(out::put);
        return out;
    }

    /** {@code [unix seconds, "value"]}, the seconds with up to three decimals, as Prometheus writes them. */
    private static ArrayNode point(long timeMs, String value) {
        ArrayNode out = NODES.arrayNode();
        out.add(BigDecimal.valueOf(timeMs, 3).stripTrailingZeros());
        out.add(value);
        return out;
    }
}
