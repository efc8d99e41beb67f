package dev.vigil.alert.evaluate;

import dev.vigil.alert.condition.NoData;
import dev.vigil.alert.condition.RuleSpec;

import java.time.Duration;
import java.util.Map;

/**
 * A rule as evaluation sees it.
 *
 * @param holdFor       how long the condition must hold before the alert fires (Prometheus' {@code for})
 * @param keepFiringFor how long a firing alert keeps firing after the condition stopped holding
 * @param annotations   templates: {@code {{ $value }}} and {@code {{ $labels.name }}} are filled in per alert
 * @param noData        what the alerts become when the query finds no data at all
 */
public record Rule(long id, String name, RuleSpec spec, Duration interval, Duration holdFor, Duration keepFiringFor,
                   Map<String, String> labels, Map<String, String> annotations, NoData noData) {
    public Rule {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }
}
