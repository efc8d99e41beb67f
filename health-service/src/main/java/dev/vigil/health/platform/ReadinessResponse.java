package dev.vigil.health.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a SmallRye Health readiness response ({@code {"status":"UP","checks":[{"name","status","data"}]}})
 * into a probe result. A service is UP only when it answered 200 and said UP: a 200 with any other
 * body is as much a failure as a 503.
 */
final class ReadinessResponse {

    private ReadinessResponse() {
    }

    static ProbeResult read(int httpStatus, String body, Duration latency, Instant checkedAt, ObjectMapper json) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            return new ProbeResult(ServiceStatus.DOWN, List.of(), latency, checkedAt,
                    "HTTP " + httpStatus + " with an unreadable health response: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return new ProbeResult(ServiceStatus.DOWN, List.of(), latency, checkedAt,
                    "HTTP " + httpStatus + " without a health response");
        }
        List<ReportedCheck> checks = checks(root.path("checks"), json);
        String reported = root.path("status").asText("");
        if (httpStatus == 200 && "UP".equals(reported)) {
            return new ProbeResult(ServiceStatus.UP, checks, latency, checkedAt, null);
        }
        String error = reported.isEmpty()
                ? "HTTP " + httpStatus + " without a status"
                : "HTTP " + httpStatus + ", reported " + reported + downChecks(checks);
        return new ProbeResult(ServiceStatus.DOWN, checks, latency, checkedAt, error);
    }

    private static List<ReportedCheck> checks(JsonNode node, ObjectMapper json) {
        List<ReportedCheck> checks = new ArrayList<>();
        for (JsonNode check : node) {
            JsonNode data = check.path("data");
            @SuppressWarnings("unchecked")
            Map<String, Object> details = data.isObject() ? json.convertValue(data, Map.class) : Map.of();
            checks.add(new ReportedCheck(check.path("name").asText(""), check.path("status").asText(""), details));
        }
        return checks;
    }

    private static String downChecks(List<ReportedCheck> checks) {
        List<String> down = checks.stream().filter(c -> !"UP".equals(c.status())).map(ReportedCheck::name).toList();
        return down.isEmpty() ? "" : " (" + String.join(", ", down) + ")";
    }
}
