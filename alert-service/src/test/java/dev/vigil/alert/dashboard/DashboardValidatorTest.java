package dev.vigil.alert.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DashboardValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A document using every member of the format once. */
    static ObjectNode fullDocument() {
        return (ObjectNode) read("""
                {"uid": "shop-overview", "title": "Shop overview", "description": "What the shop does",
                 "tags": ["shop", "default"], "time": {"from": "now-6h", "to": "now"}, "refresh": "30s",
                 "variables": [
                   {"name": "service", "label": "Service", "source": {"kind": "services"}, "default": "checkout",
                    "includeAll": true},
                   {"name": "namespace", "source": {"kind": "metric-label", "metric": "k8s.pod.cpu.usage",
                    "label": "resource.k8s.namespace.name"}, "default": "*"},
                   {"name": "env", "source": {"kind": "custom", "values": ["prod", "staging"]}}
                 ],
                 "panels": [
                   {"id": "p1", "title": "Requests of ${service}", "type": "timeseries", "grid": {"x": 0, "y": 0, "w": 6, "h": 4},
                    "query": {"kind": "metric", "metric": "http.server.request.duration", "aggregation": "rate",
                              "filters": {"resource.service.name": "${service}", "env": "${env}"}, "groupBy": ["http.route"]},
                    "unit": "reqps", "thresholds": [{"value": 500, "color": "orange"}, {"value": 1000, "color": "red"}],
                    "decimals": 2},
                   {"id": "p2", "title": "p95", "type": "stat", "grid": {"x": 6, "y": 0, "w": 6, "h": 4},
                    "query": {"kind": "golden-signals", "service": "${service}", "operation": null, "signal": "p95"},
                    "unit": "ms"},
                   {"id": "p3", "title": "Error spans", "type": "bar", "grid": {"x": 0, "y": 4, "w": 12, "h": 6},
                    "query": {"kind": "span-count", "service": "${service}", "operation": null, "status": "error"}},
                   {"id": "p4", "title": "Error logs", "type": "table", "grid": {"x": 0, "y": 10, "w": 3, "h": 24},
                    "query": {"kind": "log-count", "service": null, "severity": "ERROR", "text": "timeout"}}
                 ]}""");
    }

    @Test
    void acceptsADocumentUsingTheWholeFormat() {
        assertThat(DashboardValidator.problems(fullDocument(), "")).isEmpty();
    }

    @Test
    void acceptsTheSmallestDocument() {
        assertThat(DashboardValidator.problems(read("{\"title\": \"Empty\"}"), "")).isEmpty();
    }

    @Test
    void namesEveryProblemByItsJsonPathInDocumentOrder() {
        ObjectNode doc = fullDocument();
        doc.put("uid", "Not A Uid");
        doc.put("title", "");
        doc.put("refresh", "15s");
        ((ObjectNode) doc.get("time")).put("from", "yesterday");
        ObjectNode metric = (ObjectNode) doc.get("panels").get(0).get("query");
        metric.remove("metric");
        metric.put("aggregation", "median");
        ((ObjectNode) doc.get("panels").get(1).get("grid")).put("x", 8);
        ((ObjectNode) doc.get("panels").get(3)).put("decimals", 7);

        assertThat(paths(doc)).containsExactly("uid", "title", "time.from", "refresh", "panels[0].query.metric",
                "panels[0].query.aggregation", "panels[1].grid.w", "panels[3].decimals");
    }

    @Test
    void refusesUnknownFieldsAtEveryLevel() {
        ObjectNode doc = fullDocument();
        doc.put("titel", "typo");
        ((ObjectNode) doc.get("panels").get(0).get("query")).putArray("groupby");
        ((ObjectNode) doc.get("variables").get(0)).put("multi", true);

        List<DashboardValidator.Problem> problems = DashboardValidator.problems(doc, "");

        assertThat(problems).extracting(DashboardValidator.Problem::path)
                .containsExactly("titel", "variables[0].multi", "panels[0].query.groupby");
        assertThat(problems).extracting(DashboardValidator.Problem::message).containsOnly("is not a known field");
    }

    @Test
    void refusesReferencesToVariablesTheDashboardDoesNotDeclare() {
        ObjectNode doc = fullDocument();
        ((ObjectNode) doc.get("panels").get(0).get("query").get("filters")).put("team", "${team}");
        ((ObjectNode) doc.get("panels").get(2).get("query")).put("operation", "${operation}");

        List<DashboardValidator.Problem> problems = DashboardValidator.problems(doc, "");

        assertThat(problems).extracting(DashboardValidator.Problem::path)
                .containsExactly("panels[0].query.filters.team", "panels[2].query.operation");
        assertThat(problems.getFirst().message()).contains("${team}");
    }

    @Test
    void refusesRepeatedVariableNamesAndPanelIds() {
        ObjectNode doc = fullDocument();
        ((ArrayNode) doc.get("variables")).add(read("{\"name\": \"service\", \"source\": {\"kind\": \"services\"}}"));
        ((ObjectNode) doc.get("panels").get(3)).put("id", "p1");

        assertThat(paths(doc)).containsExactly("variables[3].name", "panels[3].id");
    }

    @Test
    void refusesUnknownKindsAndMissingKindMembers() {
        ObjectNode doc = fullDocument();
        ((ObjectNode) doc.get("panels").get(0)).set("query", read("{\"kind\": \"promql\"}"));
        ((ObjectNode) doc.get("panels").get(1).get("query")).remove("signal");
        ((ObjectNode) doc.get("variables").get(1).get("source")).remove("label");
        ((ObjectNode) doc.get("variables").get(2).get("source")).putArray("values");

        assertThat(paths(doc)).containsExactly("variables[1].source.label", "variables[2].source.values",
                "panels[0].query.kind", "panels[1].query.signal");
    }

    @Test
    void refusesThresholdsOutOfOrderAndListsOverTheirLimits() {
        ObjectNode doc = fullDocument();
        ((ObjectNode) doc.get("panels").get(0)).set("thresholds",
                read("[{\"value\": 1000, \"color\": \"red\"}, {\"value\": 500, \"color\": \"orange\"}]"));
        ArrayNode tags = doc.putArray("tags");
        for (int i = 0; i <= DashboardValidator.MAX_TAGS; i++) {
            tags.add("t" + i);
        }

        assertThat(paths(doc)).containsExactly("tags", "panels[0].thresholds[1].value");
    }

    @Test
    void checksTheGridAgainstTwelveColumns() {
        ObjectNode doc = fullDocument();
        ((ObjectNode) doc.get("panels").get(0)).set("grid", read("{\"x\": 12, \"y\": -1, \"w\": 0, \"h\": 25}"));

        assertThat(paths(doc)).containsExactly("panels[0].grid.x", "panels[0].grid.y", "panels[0].grid.w",
                "panels[0].grid.h");
    }

    @Test
    void prefixesPathsWithWhereTheDocumentIsInTheBody() {
        assertThat(DashboardValidator.problems(read("{\"panels\": 3}"), "dashboard"))
                .extracting(DashboardValidator.Problem::path).containsExactly("dashboard.title", "dashboard.panels");
        assertThat(DashboardValidator.problems(read("[]"), "dashboard"))
                .extracting(DashboardValidator.Problem::path).containsExactly("dashboard");
    }

    @Test
    void requireValidThrowsWithEveryProblem() {
        InvalidDashboardException e = catchThrowableOfType(InvalidDashboardException.class,
                () -> DashboardValidator.requireValid(read("{\"title\": 7, \"refresh\": \"never\"}"), ""));

        assertThat(e.problems()).extracting(DashboardValidator.Problem::path).containsExactly("title", "refresh");
    }

    private static List<String> paths(JsonNode doc) {
        return DashboardValidator.problems(doc, "").stream().map(DashboardValidator.Problem::path).toList();
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
