package dev.vigil.alert.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import dev.vigil.alert.condition.RuleSpec;
import dev.vigil.alert.evaluate.QueryFunction;
import dev.vigil.alert.evaluate.Rule;
import dev.vigil.alert.evaluate.Sample;
import dev.vigil.promql.Engine;
import dev.vigil.promql.Labels;
import dev.vigil.promql.Value;
import dev.vigil.promql.clickhouse.ClickHouseSamples;
import dev.vigil.store.client.ClickHouseConfig;
import dev.vigil.store.query.ServerParameters;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The query function of rule evaluation: one ClickHouse query per rule and evaluation, over the window
 * that ends at the evaluation time. Blocking; evaluations run on virtual threads.
 */
@Startup
@Singleton
public final class ClickHouseRuleQuery implements QueryFunction {

    private final Client client;
    private final int timeoutSeconds;
    /** The one PromQL engine, with Prometheus's default limits and 5-minute lookback. */
    private final Engine promQl;

    /** The service's one client (telemetry-store's producer); one query may run {@code vigil.clickhouse.query.max-execution-time}. */
    ClickHouseRuleQuery(Client client, ClickHouseConfig config, ClickHouseSamples samples) {
        this.client = client;
        this.timeoutSeconds = (int) config.query().maxExecutionTime().getSeconds();
        this.promQl = new Engine(samples, Engine.Limits.defaults());
    }

    @Override
    public List<Sample> query(Rule rule, Instant at) throws Exception {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("fromMillis", at.minus(rule.spec().window()).toEpochMilli());
        parameters.put("toMillis", at.toEpochMilli());
        return switch (rule.spec()) {
            case RuleSpec.ErrorRate s -> {
                parameters.put("service", s.service());
                parameters.put("operation", s.operation() == null ? "" : s.operation());
                parameters.put("minRequests", s.minRequests());
                yield single(RuleQueries.ERROR_RATE, parameters, serviceLabels(s.service(), s.operation()));
            }
            case RuleSpec.LatencyQuantile s -> {
                parameters.put("service", s.service());
                parameters.put("operation", s.operation() == null ? "" : s.operation());
                String sql = RuleQueries.LATENCY_QUANTILE.formatted(String.format(Locale.ROOT, "%.6f", s.quantile()));
                yield single(sql, parameters, serviceLabels(s.service(), s.operation()));
            }
            case RuleSpec.LogCount s -> {
                parameters.put("service", s.service() == null ? "" : s.service());
                parameters.put("minSeverity", s.minSeverityNumber());
                parameters.put("contains", s.bodyContains() == null ? "" : s.bodyContains());
                yield single(RuleQueries.LOG_COUNT, parameters, s.service() == null ? Map.of() : Map.of("service", s.service()));
            }
            case RuleSpec.Absence s -> {
                parameters.put("service", s.service());
                Map<String, String> labels = new LinkedHashMap<>(Map.of("service", s.service()));
                String sql = switch (s.signal()) {
                    case TRACES -> RuleQueries.SPAN_COUNT;
                    case LOGS -> {
                        parameters.put("minSeverity", 0);
                        parameters.put("contains", "");
                        yield RuleQueries.LOG_COUNT;
                    }
                    case METRICS -> {
                        parameters.put("metric", s.metric());
                        labels.put("metric", s.metric());
                        yield RuleQueries.METRIC_COUNT;
                    }
                };
                yield single(sql, parameters, labels);
            }
            case RuleSpec.PromQl s -> instant(s, at);
            case RuleSpec.MetricThreshold s -> {
                parameters.put("metric", s.metric());
                parameters.put("filter", s.filter());
                parameters.put("groupBy", s.groupBy());
                yield metric(RuleQueries.METRIC_THRESHOLD.formatted(RuleQueries.aggregate(s.aggregation())), parameters, s);
            }
        };
    }

    /**
     * The expression's instant vector at {@code at}, each sample's labels without {@code __name__}, as Prometheus
     * labels the alerts of a rule. A scalar (refused when a rule is created) is one sample without labels, as there.
     */
    private List<Sample> instant(RuleSpec.PromQl spec, Instant at) {
        Value result = promQl.instant(spec.expression(), at.toEpochMilli());
        if (result instanceof Value.Scalar scalar) {
            return List.of(new Sample(Map.of(), scalar.value()));
        }
        List<Sample> samples = new ArrayList<>();
        for (Value.Sample sample : ((Value.Vector) result).samples()) {
            Map<String, String> labels = new LinkedHashMap<>(sample.labels().map());
            labels.remove(Labels.NAME);
            samples.add(new Sample(labels, sample.value()));
        }
        return samples;
    }

    private static Map<String, String> serviceLabels(String service, String operation) {
        return operation == null ? Map.of("service", service) : Map.of("service", service, "operation", operation);
    }

    private List<Sample> single(String sql, Map<String, Object> parameters, Map<String, String> labels) throws Exception {
        try (QueryResponse response = client.query(sql, ServerParameters.bind(parameters), settings()).get(timeoutSeconds + 5L, TimeUnit.SECONDS)) {
            ClickHouseBinaryFormatReader rows = client.newBinaryFormatReader(response);
            List<Sample> samples = new ArrayList<>();
            while (rows.hasNext()) {
                rows.next();
                samples.add(new Sample(labels, rows.getDouble("value")));
            }
            return samples;
        }
    }

    private List<Sample> metric(String sql, Map<String, Object> parameters, RuleSpec.MetricThreshold spec) throws Exception {
        try (QueryResponse response = client.query(sql, ServerParameters.bind(parameters), settings()).get(timeoutSeconds + 5L, TimeUnit.SECONDS)) {
            ClickHouseBinaryFormatReader rows = client.newBinaryFormatReader(response);
            List<Sample> samples = new ArrayList<>();
            while (rows.hasNext()) {
                rows.next();
                List<Object> values = rows.getList("GroupValues");
                Map<String, String> labels = new LinkedHashMap<>();
                labels.put("metric", spec.metric());
                for (int i = 0; i < spec.groupBy().size(); i++) {
                    // Alert labels follow Prometheus' syntax: service.name becomes service_name.
                    labels.put(spec.groupBy().get(i).replaceAll("[^A-Za-z0-9_]", "_"), String.valueOf(values.get(i)));
                }
                samples.add(new Sample(labels, rows.getDouble("value")));
            }
            return samples;
        }
    }

    private QuerySettings settings() {
        return new QuerySettings().setMaxExecutionTime(timeoutSeconds);
    }
}
