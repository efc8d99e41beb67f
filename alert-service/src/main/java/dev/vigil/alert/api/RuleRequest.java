package dev.vigil.alert.api;

import dev.vigil.alert.condition.InvalidSpecException;
import dev.vigil.alert.condition.NoData;
import dev.vigil.alert.condition.RuleSpec;
import dev.vigil.alert.condition.SpecReader;
import dev.vigil.alert.rule.RuleDefinition;
import dev.vigil.alert.rule.RuleKind;
import dev.vigil.alert.rule.RuleLimits;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST} and {@code PUT /api/v1/rules}. {@code name}, {@code kind} and the spec's
 * required fields for that kind (see {@link SpecReader}) must be given; the rest default to a 60 s interval, firing at once and stopping at once, no labels or
 * annotations, enabled, and the {@code nodata} state when the query finds no data ({@code ok} for a
 * {@code promql} rule, as in Prometheus).
 */
public record RuleRequest(
        String name,
        String kind,
        Map<String, Object> spec,
        Integer intervalSeconds,
        Integer forSeconds,
        Integer keepFiringForSeconds,
        Map<String, String> labels,
        Map<String, String> annotations,
        Boolean enabled,
        String noData) {

    /**
     * Checks every field, against the {@code limits} too, and reports all problems at once, so a client can fix
     * them in one go.
     */
    RuleDefinition toDefinition(RuleLimits limits) {
        List<FieldError> errors = new ArrayList<>();
        String trimmedName = name == null ? "" : name.strip();
        if (trimmedName.isEmpty()) {
            errors.add(new FieldError("name", "is required"));
        } else if (trimmedName.length() > RuleDefinition.MAX_NAME_LENGTH) {
            errors.add(new FieldError("name", "must have at most " + RuleDefinition.MAX_NAME_LENGTH + " characters"));
        }
        RuleKind ruleKind = null;
        if (kind == null || kind.isBlank()) {
            errors.add(new FieldError("kind", "is required; one of " + String.join(", ", RuleKind.ids())));
        } else {
            ruleKind = RuleKind.byId(kind).orElse(null);
            if (ruleKind == null) {
                errors.add(new FieldError("kind", "must be one of " + String.join(", ", RuleKind.ids())));
            }
        }
        int interval = intervalSeconds == null ? RuleDefinition.DEFAULT_INTERVAL_SECONDS : intervalSeconds;
        long minInterval = limits.minInterval().getSeconds();
        if (interval < minInterval) {
            errors.add(new FieldError("intervalSeconds", "must be at least " + minInterval));
        } else if (interval > RuleDefinition.MAX_INTERVAL_SECONDS) {
            errors.add(new FieldError("intervalSeconds", "must be at most " + RuleDefinition.MAX_INTERVAL_SECONDS));
        }
        int holdFor = forSeconds == null ? 0 : forSeconds;
        if (holdFor < 0) {
            errors.add(new FieldError("forSeconds", "must not be negative"));
        }
        int keepFiringFor = keepFiringForSeconds == null ? 0 : keepFiringForSeconds;
        if (keepFiringFor < 0) {
            errors.add(new FieldError("keepFiringForSeconds", "must not be negative"));
        }
        Map<String, String> ruleLabels = labels == null ? Map.of() : labels;
        ruleLabels.forEach((label, value) -> {
            if (!RuleDefinition.LABEL_NAME.matcher(label).matches()) {
                errors.add(new FieldError("labels." + label, "is not a label name: letters, digits and _, not starting with a digit"));
            } else if (value == null) {
                errors.add(new FieldError("labels." + label, "must have a value"));
            }
        });
        Map<String, String> ruleAnnotations = annotations == null ? Map.of() : annotations;
        ruleAnnotations.forEach((annotation, value) -> {
            if (annotation.isBlank()) {
                errors.add(new FieldError("annotations", "must not have a blank name"));
            } else if (value == null) {
                errors.add(new FieldError("annotations." + annotation, "must have a value"));
            }
        });
        // A PromQL rule follows Prometheus: an empty result is a condition that does not hold, not missing data.
        NoData whenNoData = noData == null ? (ruleKind == RuleKind.PROMQL ? NoData.OK : NoData.NODATA)
                : NoData.byId(noData).orElse(null);
        if (whenNoData == null) {
            errors.add(new FieldError("noData", "must be one of " + String.join(", ", NoData.ids())));
        }
        Map<String, Object> ruleSpec = spec == null ? Map.of() : spec;
        if (ruleKind != null) {
            try {
                RuleSpec read = SpecReader.read(ruleKind.id(), ruleSpec);
                long maxWindow = limits.maxWindow().getSeconds();
                if (read.window().getSeconds() > maxWindow) {
                    errors.add(new FieldError("spec.windowSeconds", "must be at most " + maxWindow));
                }
            } catch (InvalidSpecException e) {
                e.problems().forEach(p -> errors.add(new FieldError(p.field(), p.message())));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new RuleDefinition(trimmedName, ruleKind, spec == null ? Map.of() : spec, interval, holdFor,
                keepFiringFor, ruleLabels, ruleAnnotations, enabled == null || enabled, whenNoData);
    }
}
