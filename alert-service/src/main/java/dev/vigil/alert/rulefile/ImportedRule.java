package dev.vigil.alert.rulefile;

import java.util.Map;

/**
 * One alerting rule of a rule file, its durations in whole seconds; whether its expression and the rest are valid is
 * for the rule checks of the API to say.
 *
 * @param path                 the rule's path in the file, {@code groups[0].rules[2]}
 * @param groupPath            its group's path, {@code groups[0]}, where the interval was written
 * @param intervalSeconds      the group's {@code interval}, or {@code null} when the group names none
 * @param forSeconds           {@code for}, 0 when absent
 * @param keepFiringForSeconds {@code keep_firing_for}, 0 when absent
 */
public record ImportedRule(String path, String groupPath, String group, String alert, String expr,
                           Integer intervalSeconds, int forSeconds, int keepFiringForSeconds,
                           Map<String, String> labels, Map<String, String> annotations) {
    public ImportedRule {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }
}
