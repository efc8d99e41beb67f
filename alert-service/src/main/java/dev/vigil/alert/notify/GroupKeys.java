package dev.vigil.alert.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Names of alert groups and of their notifications. */
final class GroupKeys {

    private GroupKeys() {
    }

    /** The values of the route's group_by labels; an alert without one of them has it empty. */
    static Map<String, String> groupLabels(List<String> groupBy, Map<String, String> labels) {
        Map<String, String> group = new TreeMap<>();
        groupBy.forEach(name -> group.put(name, labels.getOrDefault(name, "")));
        return group;
    }

    /** {@code {alertname="errors",service="checkout"}}, as Alertmanager writes a group key. */
    static String groupKey(Map<String, String> groupLabels) {
        return new TreeMap<>(groupLabels).entrySet().stream()
                .map(e -> e.getKey() + "=\"" + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    /** Stable for a route's group across its notifications: PagerDuty's dedup key. */
    static String dedupKey(long routeId, String groupKey) {
        return "vigil-" + sha256(routeId + "|" + groupKey).substring(0, 40);
    }

    /** Unique per group and notification number: deciding the same notification twice yields the same key. */
    static String idempotencyKey(long groupId, long number, long channelId) {
        return sha256("group:" + groupId + "|n:" + number + "|channel:" + channelId).substring(0, 40);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
