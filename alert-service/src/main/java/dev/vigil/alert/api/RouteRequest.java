package dev.vigil.alert.api;

import dev.vigil.alert.route.Matcher;
import dev.vigil.alert.route.RouteDefinition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST} and {@code PUT /api/v1/routes}: {@code name} and {@code channelId} are required;
 * no matchers match every alert; {@code groupBy} defaults to {@code [alertname]}; the times default to
 * Alertmanager's: group wait 30 s, group interval 5 min, repeat interval 4 h.
 */
public record RouteRequest(String name, Long channelId, List<Requests.MatcherBody> matchers, List<String> groupBy,
                           Integer groupWaitSeconds, Integer groupIntervalSeconds, Integer repeatIntervalSeconds) {

    RouteDefinition toDefinition() {
        List<FieldError> errors = new ArrayList<>();
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            errors.add(new FieldError("name", "is required"));
        } else if (trimmed.length() > 255) {
            errors.add(new FieldError("name", "must have at most 255 characters"));
        }
        if (channelId == null) {
            errors.add(new FieldError("channelId", "is required"));
        }
        List<Matcher> routeMatchers = Requests.matchers("matchers", matchers, errors);
        List<String> labels = groupBy == null ? List.of("alertname") : groupBy;
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i) == null || !labels.get(i).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                errors.add(new FieldError("groupBy[" + i + "]", "must be a label name"));
            }
        }
        int wait = seconds(errors, "groupWaitSeconds", groupWaitSeconds, 30, 0);
        int interval = seconds(errors, "groupIntervalSeconds", groupIntervalSeconds, 300, 1);
        int repeat = seconds(errors, "repeatIntervalSeconds", repeatIntervalSeconds, 14_400, 1);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new RouteDefinition(trimmed, channelId, routeMatchers, labels, Duration.ofSeconds(wait),
                Duration.ofSeconds(interval), Duration.ofSeconds(repeat));
    }

    private static int seconds(List<FieldError> errors, String field, Integer value, int otherwise, int min) {
        int v = value == null ? otherwise : value;
        if (v < min || v > 30 * 86_400) {
            errors.add(new FieldError(field, "must be between " + min + " and " + 30 * 86_400));
        }
        return v;
    }
}
