package dev.vigil.health.platform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One check as a probed service reported it in its readiness response, e.g. its database connection.
 *
 * @param status as the service said it, normally {@code UP} or {@code DOWN}
 * @param data   the check's details, empty when it gave none
 */
public record ReportedCheck(String name, String status, Map<String, Object> data) {
    public ReportedCheck {
        // Not Map.copyOf: a service may report JSON nulls among its details.
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }
}
