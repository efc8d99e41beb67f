package dev.vigil.system.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The addresses an artifact gives a service (container or Kubernetes service names) mapped to where the same server
 * runs in the test: devstack's Kafka, ClickHouse and PostgreSQL, and the other services' processes. Only addresses
 * change; every other value of the environment is passed as the artifact wrote it.
 */
final class HostMap {
    private final Map<String, String> addresses = new LinkedHashMap<>();
    private final List<String> hostnames;

    /** {@code hostnames}: every name the artifact uses for a server, so a value still naming one after mapping fails. */
    HostMap(List<String> hostnames) {
        this.hostnames = List.copyOf(hostnames);
    }

    /** Replaces {@code address} (e.g. {@code kafka:29092}, {@code http://clickhouse:8123}) wherever a value holds it. */
    HostMap map(String address, String replacement) {
        addresses.put(address, replacement);
        return this;
    }

    Map<String, String> apply(Map<String, String> environment) {
        Map<String, String> mapped = new LinkedHashMap<>();
        environment.forEach((key, value) -> mapped.put(key, apply(key, value)));
        return mapped;
    }

    String apply(String key, String value) {
        String result = value;
        for (var address : addresses.entrySet()) {
            result = result.replace(address.getKey(), address.getValue());
        }
        for (String host : hostnames) {
            if (result.matches("(?s).*(^|[/@,=])" + Pattern.quote(host) + "[:/].*")) {
                throw new AssertionError(key + "=" + value + " names the server " + host + ", which the test does not map");
            }
        }
        return result;
    }
}
