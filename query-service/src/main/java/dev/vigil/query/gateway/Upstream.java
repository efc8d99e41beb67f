package dev.vigil.query.gateway;

import java.net.URI;
import java.util.List;

/**
 * A service whose API paths query-service passes on: its name (for errors), address, and the first segments after
 * {@code /api/v1/} that belong to it. The services' paths do not overlap (each resource has one owner), so a path
 * names its service unambiguously.
 */
record Upstream(String name, URI address, List<String> resources) {

    /**
     * alert-service's resources: rules, routes, channels, silences, alerts, notifications, dashboards, and access
     * (keys, users) and auth (login, logout, who am I).
     */
    static Upstream alert(URI address) {
        return new Upstream("alert-service", address, List.of("rules", "routes", "channels", "silences", "alerts",
                "notifications", "dashboards", "access", "auth"));
    }

    /** health-service's resources: the cluster, the platform, and the live stream of both. */
    static Upstream health(URI address) {
        return new Upstream("health-service", address, List.of("cluster", "platform", "stream"));
    }

    /** A regular expression matching exactly this service's paths: {@code /api/v1/<resource>} and below. */
    String pathPattern() {
        return "^/api/v1/(" + String.join("|", resources) + ")(/.*)?$";
    }

    int port() {
        if (address.getPort() > 0) {
            return address.getPort();
        }
        return "https".equals(address.getScheme()) ? 443 : 80;
    }

    boolean tls() {
        return "https".equals(address.getScheme());
    }
}
