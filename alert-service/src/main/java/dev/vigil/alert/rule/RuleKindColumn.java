package dev.vigil.alert.rule;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a {@link RuleKind} by its id, the same lower-case name the table's check constraint lists. */
@Converter
final class RuleKindColumn implements AttributeConverter<RuleKind, String> {

    @Override
    public String convertToDatabaseColumn(RuleKind kind) {
        return kind == null ? null : kind.id();
    }

    @Override
    public RuleKind convertToEntityAttribute(String id) {
        if (id == null) {
            return null;
        }
        return RuleKind.byId(id).orElseThrow(() -> new IllegalStateException(
                "alert_rule.kind holds '" + id + "', which this version does not know; known: " + RuleKind.ids()));
    }
}
